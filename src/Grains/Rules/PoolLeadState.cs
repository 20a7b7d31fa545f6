namespace Orleans.Crm.Grains.Rules;

/// <summary>A pool lead as seen at claim time.</summary>
/// <param name="ClaimedBy">The manager holding it, or null while it sits in the pool.</param>
/// <param name="HasDepositOrContract">A deposit or contract exists; such a lead never returns to the pool.</param>
public sealed record PoolLeadState(string LeadId, string? ClaimedBy = null, DateTimeOffset? ClaimedAt = null, bool HasDepositOrContract = false)
{
    public static PoolLeadState Unclaimed(string leadId) => new(leadId);
}
