using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Optional needs noted at registration (floor area, layout, style, budget, planned start, special needs).</summary>
public sealed record NeedsRequest(
    [property: Range(1, 100_000)] decimal? AreaSquareMetres = null,
    [property: StringLength(Limits.Short)] string? Layout = null,
    [property: StringLength(Limits.Short)] string? Style = null,
    [property: StringLength(Limits.Short)] string? Budget = null,
    [property: StringLength(Limits.Short)] string? PlannedStart = null,
    [property: StringLength(Limits.Note)] string? SpecialNeeds = null,
    bool NeedsSenior = false)
{
    /// <summary>The grain contract.</summary>
    public CustomerNeeds ToContract() => new(AreaSquareMetres, Layout, Style, Budget, PlannedStart, SpecialNeeds, NeedsSenior);
}
