namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A lead posted to the pool.</summary>
public sealed record PoolLeadCreatedResponse(string LeadId, string CustomerId);
