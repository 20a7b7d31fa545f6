using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Board;

/// <summary>A board or pool event as the feed passes it to its subscribers (one instance for all of them).</summary>
internal sealed record FeedEvent(long Sequence, string Type, DateTimeOffset At, BoardChange? Change, PoolLeadView? PoolLead, ComplaintEvent? Complaint = null)
{
    private BoardEventMessage? _forDisplays;

    /// <summary>
    /// The message every wall display of the store gets: masked once per event, not once per screen — a store's
    /// displays all see the same masked board.
    /// </summary>
    public BoardEventMessage ForDisplays(Func<BoardEventMessage> mask) =>
        LazyInitializer.EnsureInitialized(ref _forDisplays, mask);

    public static FeedEvent From(BoardEvent e) => new(e.Sequence, e.Type, e.At, e.Change, null);

    public static FeedEvent From(PoolEvent e) => new(e.Sequence, e.Type, e.At, null, e.Lead);

    public static FeedEvent From(ComplaintEvent e) => new(e.Sequence, e.Type, e.At, null, null, e);
}
