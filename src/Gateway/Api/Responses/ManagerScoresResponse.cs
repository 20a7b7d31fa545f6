using System.Collections.Immutable;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>Answer of <c>GET /api/stores/{storeId}/manager-scores</c>: every manager's card of the quarter, best first.</summary>
public sealed record ManagerScoresResponse(string StoreId, string Quarter, ImmutableArray<ManagerScoreCard> Managers);
