using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/projects/{projectId}/changes</c>: a change request with its cost (pending until signed).</summary>
public sealed record ChangeOrderRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(Limits.Note, MinimumLength = 1)] string Description,
    [property: Required, Amount] decimal? Cost);
