using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.State;

/// <summary>
/// The chain's pool: its leads (unclaimed, and claimed ones until the store has them and a day has passed), every
/// claimed lead's store, managers' claim counters, and the pool's event log.
/// </summary>
public sealed record PoolState : DecidingState
{
    public int LastNumber { get; init; }

    public ImmutableDictionary<string, PoolLead> Leads { get; init; } = ImmutableDictionary<string, PoolLead>.Empty;

    /// <summary>The store of every claimed lead, kept after the lead leaves <see cref="Leads"/> so its id stays findable.</summary>
    public ImmutableDictionary<string, ClaimHolder> Holders { get; init; } = ImmutableDictionary<string, ClaimHolder>.Empty;

    public ImmutableDictionary<string, ManagerClaimState> Managers { get; init; } = ImmutableDictionary<string, ManagerClaimState>.Empty;

    public long Sequence { get; init; }

    public ImmutableList<PoolEvent> Events { get; init; } = [];
}

/// <summary>A manager's claims on their current claim day, and the claims not yet settled by their store.</summary>
public sealed record ManagerClaimState(DateOnly ClaimDay, int ClaimsOnDay, ImmutableList<string> OpenClaims);
