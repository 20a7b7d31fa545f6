using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Gateway.Observability;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// The process's board fan-out: one <see cref="StreamFeed"/> per store (and one for the pool) with subscribers here,
/// fed by an Orleans observer on the grain and by position checks, and one <see cref="BoardSubscription"/> per
/// connection and feed. Every gateway process keeps its own feeds, so every gateway can serve every store.
/// </summary>
public sealed partial class BoardFeed : IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly IHubContext<BoardHub> _hub;
    private readonly BoardOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly CrmGatewayMetrics _metrics;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<FeedKey, StreamFeed> _feeds = new();
    private readonly Dictionary<(string ConnectionId, FeedKey Key), BoardSubscription> _subscriptions = [];
    private readonly List<Task> _stopping = [];
    private readonly Lock _closeLock = new();
    private Task? _closing;
    private bool _closed;

    /// <summary>Creates the fan-out; it stops its feeds (and unsubscribes them) as soon as the application stops.</summary>
    public BoardFeed(IGrainFactory grains, IHubContext<BoardHub> hub, IOptions<BoardOptions> options, ILoggerFactory loggers, IHostApplicationLifetime lifetime, CrmGatewayMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(lifetime);
        _grains = grains;
        _hub = hub;
        _options = options.Value;
        _loggers = loggers;
        _logger = loggers.CreateLogger<BoardFeed>();
        _metrics = metrics;
        // Before the cluster client (or co-hosted silo) stops, while the grains can still be told.
        lifetime.ApplicationStopping.Register(() => _ = CloseAsync());
    }

    /// <summary>How many feeds (stores, and the pool) this process runs now.</summary>
    public int FeedCount => _feeds.Count;

    /// <summary>
    /// Subscribes the connection to a store's board (replacing an earlier subscription of it to the same store);
    /// returns once the snapshot or the missed events are on their way.
    /// </summary>
    public Task SubscribeStoreAsync(string connectionId, StaffUser user, string storeId, long afterSequence) =>
        SubscribeAsync(connectionId, user, FeedKey.Store(storeId), afterSequence);

    /// <summary>Subscribes the connection to the chain's lead pool.</summary>
    public Task SubscribePoolAsync(string connectionId, StaffUser user, long afterSequence) =>
        SubscribeAsync(connectionId, user, FeedKey.Pool, afterSequence);

    /// <summary>
    /// Subscribes a connection of the service hub to a store's complaint desk: the same feed machinery (observer,
    /// position checks, per-connection cursor) as a board, sending to <paramref name="client"/>.
    /// </summary>
    public Task SubscribeComplaintsAsync(string connectionId, StaffUser user, string storeId, long afterSequence, IClientProxy client) =>
        SubscribeAsync(connectionId, user, FeedKey.Complaints(storeId), afterSequence, client);

    /// <summary>Whether the connection is subscribed to the store's complaint desk.</summary>
    public async Task<bool> HasComplaintsSubscriptionAsync(string connectionId, string storeId)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _subscriptions.ContainsKey((connectionId, FeedKey.Complaints(storeId)));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the connection's subscription to a store's complaint desk.</summary>
    public Task UnsubscribeComplaintsAsync(string connectionId, string storeId) => UnsubscribeAsync(connectionId, FeedKey.Complaints(storeId));

    /// <summary>Ends the connection's subscription to a store's board.</summary>
    public Task UnsubscribeStoreAsync(string connectionId, string storeId) => UnsubscribeAsync(connectionId, FeedKey.Store(storeId));

    /// <summary>Ends every subscription of a closed connection.</summary>
    public async Task RemoveConnectionAsync(string connectionId)
    {
        List<BoardSubscription> removed = [];
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var key in _subscriptions.Keys.Where(k => k.ConnectionId == connectionId).ToList())
            {
                if (Detach(connectionId, key.Key) is { } subscription)
                {
                    removed.Add(subscription);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        foreach (var subscription in removed)
        {
            await StopAsync(subscription).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        Task[] stopping;
        lock (_stopping)
        {
            stopping = [.. _stopping];
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
    }

    private async Task SubscribeAsync(string connectionId, StaffUser user, FeedKey key, long afterSequence, IClientProxy? client = null)
    {
        BoardSubscription? previous;
        BoardSubscription subscription;
        StreamFeed feed;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            previous = Detach(connectionId, key, keepFeed: true);
            if (!_feeds.TryGetValue(key, out var existing))
            {
                existing = new StreamFeed(CreateSource(key), _options, TimeProvider.System, _loggers.CreateLogger<StreamFeed>());
                _feeds[key] = existing;
                existing.Start();
            }

            feed = existing;
            subscription = new BoardSubscription(connectionId, new BoardViewer(user), afterSequence, feed, client ?? _hub.Clients.Client(connectionId), _options, _metrics, _loggers.CreateLogger<BoardSubscription>());
            _subscriptions[(connectionId, key)] = subscription;
            if (!key.IsComplaints)
            {
                _metrics.Screens(key.StoreId, +1);
            }

            // Registered with the feed before its first read, so nothing the feed passes on meanwhile is missed.
            feed.Add(subscription);
        }
        finally
        {
            _gate.Release();
        }

        // The old pump must be silent before the new one sends, or their messages could interleave.
        await StopAsync(previous).ConfigureAwait(false);

        subscription.Start();
        try
        {
            // A new feed's first subscription runs meanwhile: once it has, the next commit is pushed, not polled.
            await Task.WhenAll(subscription.Started, feed.Ready).ConfigureAwait(false);
        }
        catch
        {
            await UnsubscribeAsync(connectionId, key).ConfigureAwait(false);
            throw;
        }
    }

    private async Task UnsubscribeAsync(string connectionId, FeedKey key)
    {
        BoardSubscription? subscription;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            subscription = Detach(connectionId, key);
        }
        finally
        {
            _gate.Release();
        }

        await StopAsync(subscription).ConfigureAwait(false);
    }

    // Callers hold _gate. Stops the feed when its last subscriber leaves (unless one is about to join).
    private BoardSubscription? Detach(string connectionId, FeedKey key, bool keepFeed = false)
    {
        if (!_subscriptions.Remove((connectionId, key), out var subscription))
        {
            return null;
        }

        if (!key.IsComplaints)
        {
            _metrics.Screens(key.StoreId, -1);
        }

        if (_feeds.TryGetValue(key, out var feed))
        {
            feed.Remove(subscription);
            if (!keepFeed && feed.SubscriberCount == 0)
            {
                _feeds.TryRemove(key, out _);
                Track(feed.DisposeAsync().AsTask());
            }
        }

        return subscription;
    }

    private Task CloseAsync()
    {
        lock (_closeLock)
        {
            return _closing ??= CloseCoreAsync();
        }
    }

    private async Task CloseCoreAsync()
    {
        List<BoardSubscription> subscriptions;
        List<StreamFeed> feeds;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _closed = true;
            subscriptions = [.. _subscriptions.Values];
            feeds = [.. _feeds.Values];
            foreach (var subscription in subscriptions.Where(s => !s.Key.IsComplaints))
            {
                _metrics.Screens(subscription.Key.StoreId, -1);
            }

            _subscriptions.Clear();
            _feeds.Clear();
        }
        finally
        {
            _gate.Release();
        }

        await Task.WhenAll(subscriptions.Select(StopAsync)).ConfigureAwait(false);
        await Task.WhenAll(feeds.Select(f => f.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private FeedSource CreateSource(FeedKey key) =>
        key switch
        {
            { IsComplaints: true, StoreId: { } desk } => new ComplaintFeedSource(_grains, desk),
            { StoreId: { } storeId } => new StoreFeedSource(_grains, storeId),
            _ => new PoolFeedSource(_grains),
        };

    // A stopping feed unsubscribes from its grain in the background; disposal waits for the stragglers.
    private void Track(Task stopping)
    {
        lock (_stopping)
        {
            _stopping.RemoveAll(t => t.IsCompleted);
            _stopping.Add(stopping);
        }
    }

    private async Task StopAsync(BoardSubscription? subscription)
    {
        if (subscription is null)
        {
            return;
        }

        try
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogStopFailed(e, subscription.Key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping a subscription to {Key} failed")]
    private partial void LogStopFailed(Exception exception, FeedKey key);
}
