using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Gateway.Observability;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// One connection's subscription to one feed (a store's board, or the pool). Everything it sends goes through one
/// pump, in sequence order, after the last sequence it sent (<c>_lastSent</c>): an event is sent only when it is
/// exactly the next one; anything beyond makes the pump read what lies between from the grain first (or send a
/// snapshot when the grain no longer keeps it, or it is more than <see cref="BoardOptions.MaxCatchUpEvents"/> behind).
/// That is what makes "no gaps, no duplicates, in order" hold per connection, whatever the feed and the catch-up race.
/// </summary>
internal sealed partial class BoardSubscription : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly BoardViewer _viewer;
    private readonly long _afterSequence;
    private readonly StreamFeed _feed;
    private readonly IClientProxy _client;
    private readonly BoardOptions _options;
    private readonly CrmGatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<FeedItem> _work = Channel.CreateUnbounded<FeedItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;
    private long _lastSent = -1;

    public BoardSubscription(string connectionId, BoardViewer viewer, long afterSequence, StreamFeed feed, IClientProxy client, BoardOptions options, CrmGatewayMetrics metrics, ILogger logger)
    {
        ConnectionId = connectionId;
        _viewer = viewer;
        _afterSequence = afterSequence;
        _feed = feed;
        _client = client;
        _options = options;
        _metrics = metrics;
        _logger = logger;
    }

    public string ConnectionId { get; }

    public FeedKey Key => _feed.Key;

    /// <summary>Completes once the snapshot or the missed events have been sent; faults if the start failed.</summary>
    public Task Started => _started.Task;

    private FeedSource Source => _feed.Source;

    public void Start() => _pump = Task.Run(() => PumpAsync(_stop.Token));

    /// <summary>An item from the feed (called from its loop; never blocks).</summary>
    public void Offer(FeedItem item) => _work.Writer.TryWrite(item);

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _started.TrySetCanceled();
        _stop.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StartFromAsync(cancellationToken).ConfigureAwait(false);
            _started.TrySetResult();
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            return;
        }

        await foreach (var item in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item is FeedHeartbeat heartbeat)
            {
                try
                {
                    await BeatAsync(heartbeat, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A heartbeat that cannot be honest is not sent; the next item (or heartbeat) catches up.
                    LogDeliveryFailed(e, Key, ConnectionId);
                }

                continue;
            }

            while (true)
            {
                try
                {
                    await DeliverAsync((FeedBatch)item, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Nothing is skipped: the cursor only moves after a send, so the retry resumes where this stopped.
                    LogDeliveryFailed(e, Key, ConnectionId);
                    await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task StartFromAsync(CancellationToken cancellationToken)
    {
        // Zero means "I have nothing": a board cannot be drawn from events alone.
        if (_afterSequence <= 0)
        {
            // Whatever commits after this snapshot reaches the feed, which this subscription is already registered with.
            await SendSnapshotAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        _lastSent = _afterSequence;
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DeliverAsync(FeedBatch batch, CancellationToken cancellationToken)
    {
        foreach (var e in batch.Events)
        {
            if (e.Sequence > _lastSent + 1)
            {
                // Events between this connection's cursor and this one: read them (and whatever followed) first.
                await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            }

            if (e.Sequence == _lastSent + 1)
            {
                await SendEventAsync(e, live: true, cancellationToken).ConfigureAwait(false);
            }
        }

        if (_lastSent < batch.Through)
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task BeatAsync(FeedHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        if (_lastSent < heartbeat.Through)
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }

        // Never claims more than this connection has been sent: a client may treat a higher sequence as a gap.
        if (_lastSent >= heartbeat.Through)
        {
            await Source.SendHeartbeatAsync(_client, _lastSent, heartbeat.At, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await Source.ReadAsync(_lastSent, _options.ReadBatchSize).WaitAsync(cancellationToken).ConfigureAwait(false);
            // Too far behind, no longer kept, or a cursor this grain never reached (a board from another database):
            // start over from a snapshot.
            if (!page.Complete || page.LastSequence < _lastSent || page.LastSequence - _lastSent > _options.MaxCatchUpEvents)
            {
                await SendSnapshotAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            foreach (var e in page.Events)
            {
                if (e.Sequence <= _lastSent)
                {
                    continue;
                }

                if (e.Sequence != _lastSent + 1)
                {
                    await SendSnapshotAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }

                await SendEventAsync(e, live: false, cancellationToken).ConfigureAwait(false);
            }

            if (page.Events.Count == 0 || _lastSent >= page.LastSequence)
            {
                return;
            }
        }
    }

    private async Task SendSnapshotAsync(CancellationToken cancellationToken) =>
        _lastSent = await Source.SendSnapshotAsync(_client, _viewer, cancellationToken).ConfigureAwait(false);

    /// <summary>Sends one event; <paramref name="live"/> when it came pushed by the feed, not read to catch up.</summary>
    private async Task SendEventAsync(FeedEvent e, bool live, CancellationToken cancellationToken)
    {
        await Source.SendEventAsync(_client, _viewer, e, cancellationToken).ConfigureAwait(false);
        _lastSent = e.Sequence;
        if (!Key.IsComplaints)
        {
            _metrics.Pushed(Key.StoreId, e.At, live);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Key} to connection {ConnectionId} failed; retrying")]
    private partial void LogDeliveryFailed(Exception exception, FeedKey key, string connectionId);
}
