using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.State;

/// <summary>
/// A store's complaint desk: its unclosed complaints and the recently closed ones (within the repeat window, bounded;
/// older ones live only in the journal), the running number of its complaint ids, and its numbered events (a bounded
/// log for resuming boards).
/// </summary>
public sealed record ComplaintDeskState : DecidingState
{
    public long LastNumber { get; init; }

    public ImmutableDictionary<string, ComplaintView> Complaints { get; init; } = ImmutableDictionary<string, ComplaintView>.Empty.WithComparers(StringComparer.Ordinal);

    public long Sequence { get; init; }

    public ImmutableList<ComplaintEvent> Events { get; init; } = [];

    /// <summary>Whether the sweep reminder is registered (once the desk has a complaint).</summary>
    public bool SweepOn { get; init; }
}
