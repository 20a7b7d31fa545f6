using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A store's season as now set.</summary>
public sealed record SeasonResponse(string StoreId, Season Season, bool Peak);
