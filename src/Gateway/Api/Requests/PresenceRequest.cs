using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>PUT /api/designers/{designerId}/presence</c>: an absent designer is not eligible for dispatch.</summary>
public sealed record PresenceRequest([property: Required] bool? Present);
