namespace Orleans.Crm.Grains.State;

/// <summary>The stores that have a complaint desk.</summary>
public sealed record ComplaintDirectoryState : DecidingState
{
    public ImmutableSortedSet<string> StoreIds { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
}
