using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>PUT /api/designers/{designerId}/rank</c>: the half-monthly rank inside the group (1 = best).</summary>
public sealed record RankRequest([property: Required, Range(1, 99)] int? Rank);
