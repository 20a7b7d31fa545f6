using Orleans.Concurrency;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// The chain's lead pool (公海), a single grain keyed <see cref="ChainKey"/>: it decides claims and the claim limits;
/// of many managers claiming at once, exactly one wins. A won claim is handed to the claimant's store one way.
/// </summary>
public interface ILeadPoolGrain : IGrainWithStringKey
{
    /// <summary>The key of the chain's one pool.</summary>
    const string ChainKey = "chain";

    Task<PoolLeadPosted> PostAsync(PostPoolLead lead, string? commandId = null);

    Task<ImmutableArray<PoolLeadView>> ListAsync();

    /// <summary>The listed leads with the pool sequence they reflect (for live screens).</summary>
    Task<PoolListing> GetListingAsync();

    /// <summary>A claim for <paramref name="managerId"/> of store <paramref name="storeId"/> (the gateway checked that pairing).</summary>
    Task<ClaimOutcome> ClaimAsync(string leadId, string managerId, string storeId, string? commandId = null);

    /// <summary>A pool lead: unclaimed (its view) or claimed (its hand-off); null if the pool never had it.</summary>
    Task<PoolLeadLocation?> FindLeadAsync(string leadId);

    Task<ManagerClaims> GetManagerClaimsAsync(string managerId);

    Task<FeedPosition> SubscribeAsync(IPoolObserver observer);

    Task UnsubscribeAsync(IPoolObserver observer);

    Task<PoolEventPage> GetEventsAsync(long afterSequence, int maxCount);

    /// <summary>The claimant's store has the lead.</summary>
    [OneWay]
    Task AcknowledgeHandoffAsync(string leadId);

    /// <summary>A store's one-way notice about a claimed lead; acknowledged back to the store.</summary>
    [OneWay]
    Task DeliverNoticeAsync(PoolNotice notice);
}
