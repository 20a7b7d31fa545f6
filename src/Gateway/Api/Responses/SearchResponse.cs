using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary><c>GET /api/search?q=</c>: leads and customers of the caller's scope, masked as the caller's role requires.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Results);

/// <summary>One search result: a lead, or a customer (before their leads; <c>leadId</c> is their latest lead, to open).</summary>
/// <param name="Kind">lead or customer.</param>
public sealed record SearchResult(
    string Kind,
    string? LeadId,
    string CustomerId,
    string StoreId,
    int? RunningNumber,
    string Name,
    string Phone,
    LeadStatus Status,
    DateTimeOffset RegisteredAt);
