namespace Orleans.Crm.Grains.State;

/// <summary>The pool's row: its leads and the pool stream's sequence (see <see cref="StoreState.Sequence"/>).</summary>
public sealed record PoolState
{
    public int LastNumber { get; init; }

    /// <summary>Leads currently in the pool, and claimed ones kept for a day so screens show who won.</summary>
    public IReadOnlyList<PoolEntry> Leads { get; init; } = [];

    public long Sequence { get; init; }
}

/// <summary>A pool lead id and when it was last claimed (null while unclaimed).</summary>
public sealed record PoolEntry(string LeadId, DateTimeOffset? ClaimedAt);
