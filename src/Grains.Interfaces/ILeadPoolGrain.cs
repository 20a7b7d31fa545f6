using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>The chain's lead pool (公海), a single grain keyed <see cref="ChainKey"/>; claims race here and exactly one wins.</summary>
public interface ILeadPoolGrain : IGrainWithStringKey
{
    /// <summary>The key of the chain's one pool.</summary>
    const string ChainKey = "chain";

    Task<PoolLeadPosted> PostAsync(PostPoolLead lead);

    Task<IReadOnlyList<PoolLeadView>> ListAsync();

    Task<ClaimOutcome> ClaimAsync(string leadId, string managerId);
}
