using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A store's fault slips of one store-local month (<c>YYYY-MM</c>), oldest first.</summary>
public sealed record FaultSlipsResponse(string StoreId, string Month, IReadOnlyList<FaultSlipView> FaultSlips);
