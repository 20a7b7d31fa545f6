namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// One audited access to customer data (<c>GET /api/audit</c>): a read of a customer's full details
/// (<see cref="Kind"/> <c>customer-read</c>) or an export (<c>export</c>) — who, when, which customer or export, from where.
/// </summary>
/// <param name="What">For a read <c>lead</c> or <c>customer</c>; for an export its name (<c>register</c>, …).</param>
/// <param name="Subject">The lead or customer id read, or the export id.</param>
/// <param name="CustomerId">The customer read (null for an export).</param>
/// <param name="Detail">An export's parameters (null for a read).</param>
[GenerateSerializer, Alias("crm.AuditEntry")]
public sealed record AuditEntry(
    string Kind,
    DateTimeOffset At,
    string UserId,
    string Role,
    string? StoreId,
    string? CustomerId,
    string What,
    string Subject,
    string? Address,
    string? Detail);
