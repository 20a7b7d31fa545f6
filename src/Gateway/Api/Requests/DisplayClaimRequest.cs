using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/display-pairings/{code}/claim</c>: what the screen calls itself in the displays list.</summary>
public sealed record DisplayClaimRequest([property: Required, StringLength(Limits.Name, MinimumLength = 1)] string DeviceName);
