using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// One result of the search (issue 15), in full: the gateway masks it for roles that may not see it. A
/// <see cref="Customer"/> result stands for a customer found through their leads (their latest lead's store and status,
/// their first registration); each of those leads follows it as a <see cref="Lead"/> result.
/// </summary>
/// <param name="Kind"><see cref="Lead"/> or <see cref="Customer"/>.</param>
/// <param name="LeadId">The lead (a customer result: their latest lead in the caller's scope, to open).</param>
/// <param name="DesignerId">Who holds the lead (for the masking rule: a designer sees their own leads in full).</param>
[GenerateSerializer, Alias("crm.SearchHit")]
public sealed record SearchHit(
    string Kind,
    string? LeadId,
    string CustomerId,
    string StoreId,
    int? RunningNumber,
    string Name,
    string Phone,
    LeadStatus Status,
    DateTimeOffset RegisteredAt,
    string? DesignerId)
{
    /// <summary>A lead found.</summary>
    public const string Lead = "lead";

    /// <summary>A customer found through their leads.</summary>
    public const string Customer = "customer";
}
