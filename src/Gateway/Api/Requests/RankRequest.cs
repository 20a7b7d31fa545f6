using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>
/// Body of <c>PUT /api/designers/{designerId}/rank</c>: the half-monthly rank inside the group (1 = best). Once the
/// store's ranks come from a ranking run, the change is a manual correction and <c>reason</c> is required.
/// </summary>
public sealed record RankRequest(
    [property: Required, Range(1, 99)] int? Rank,
    [property: StringLength(Limits.Note)] string? Reason = null);
