namespace Orleans.Crm.Grains.Contracts;

/// <summary>A read of a customer's full details about to be answered, for the audit (DOMAIN §9).</summary>
/// <param name="What">What was read: <c>lead</c> (<c>GET /api/leads/{id}</c>) or <c>customer</c> (<c>GET /api/customers/{id}</c>).</param>
/// <param name="Subject">The lead or customer id asked for.</param>
/// <param name="Address">The client address the request came from.</param>
[GenerateSerializer, Alias("crm.CustomerReadRecord")]
public sealed record CustomerReadRecord(string UserId, string Role, string? StoreId, string CustomerId, string What, string Subject, string? Address);
