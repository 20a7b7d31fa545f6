using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// The grain side of one feed and what differs between a store's board and the pool: the Orleans observer object
/// (this instance: the feed holds it strongly for its whole life, Orleans only weakly), the grain calls, and the
/// messages a connection gets.
/// </summary>
internal abstract class FeedSource(IGrainFactory grains)
{
    protected IGrainFactory Grains { get; } = grains;

    public abstract FeedKey Key { get; }

    /// <summary>Receives every pushed event; called on Orleans's threads, so it must not block.</summary>
    public Action<FeedEvent>? Pushed { get; set; }

    /// <summary>Registers (or renews) this process's observer with the grain; activates the grain if it is not active.</summary>
    public abstract Task<FeedPosition> SubscribeAsync();

    public abstract Task UnsubscribeAsync();

    /// <summary>The grain's sequence and activation, without subscribing.</summary>
    public abstract Task<FeedPosition> GetPositionAsync();

    public abstract Task<FeedPage> ReadAsync(long afterSequence, int maxCount);

    /// <summary>Sends the connection a snapshot as it may see it; returns the sequence the snapshot is as of.</summary>
    public abstract Task<long> SendSnapshotAsync(IClientProxy client, BoardViewer viewer, CancellationToken cancellationToken);

    public abstract Task SendEventAsync(IClientProxy client, BoardViewer viewer, FeedEvent e, CancellationToken cancellationToken);

    public abstract Task SendHeartbeatAsync(IClientProxy client, long sequence, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes the observer's object reference (the feed has stopped).</summary>
    public abstract void Release();
}
