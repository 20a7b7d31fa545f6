using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// The process's board fan-out: one <see cref="StreamTail"/> per stream with subscribers, woken by the outbox's
/// change signal (PostgreSQL NOTIFY in every process, so every gateway sees every commit) and by a poll.
/// </summary>
public sealed partial class BoardFeed : IAsyncDisposable
{
    private readonly IOutbox _outbox;
    private readonly IGrainFactory _grains;
    private readonly IHubContext<BoardHub> _hub;
    private readonly BoardOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, StreamTail> _tails = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ConnectionId, string Stream), BoardSubscription> _subscriptions = [];

    /// <summary>Creates the feed and starts listening to the outbox's wake-ups.</summary>
    public BoardFeed(IOutbox outbox, IGrainFactory grains, IHubContext<BoardHub> hub, IOptions<BoardOptions> options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _outbox = outbox;
        _grains = grains;
        _hub = hub;
        _options = options.Value;
        _loggers = loggers;
        _logger = loggers.CreateLogger<BoardFeed>();
        _outbox.Changed += OnChanged;
    }

    /// <summary>How many streams this process is tailing now.</summary>
    public int TailCount => _tails.Count;

    /// <summary>
    /// Subscribes the connection to a store's board (replacing an earlier subscription of it to the same store);
    /// returns once the snapshot or the missed events are on their way.
    /// </summary>
    public Task SubscribeStoreAsync(string connectionId, StaffUser user, string storeId, long afterSequence) =>
        SubscribeAsync(connectionId, user, Streams.Store(storeId), storeId, afterSequence);

    /// <summary>Subscribes the connection to the chain's lead pool.</summary>
    public Task SubscribePoolAsync(string connectionId, StaffUser user, long afterSequence) =>
        SubscribeAsync(connectionId, user, Streams.Pool, null, afterSequence);

    /// <summary>Ends one subscription of the connection.</summary>
    public async Task UnsubscribeAsync(string connectionId, string stream)
    {
        BoardSubscription? subscription;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            subscription = Detach(connectionId, stream);
        }
        finally
        {
            _gate.Release();
        }

        await StopAsync(subscription).ConfigureAwait(false);
    }

    /// <summary>Ends every subscription of a closed connection.</summary>
    public async Task RemoveConnectionAsync(string connectionId)
    {
        List<BoardSubscription?> removed;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            removed = [.. _subscriptions.Keys.Where(k => k.ConnectionId == connectionId).ToList().Select(k => Detach(k.ConnectionId, k.Stream))];
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
        _outbox.Changed -= OnChanged;
        List<BoardSubscription> subscriptions;
        List<StreamTail> tails;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            subscriptions = [.. _subscriptions.Values];
            tails = [.. _tails.Values];
            _subscriptions.Clear();
            _tails.Clear();
        }
        finally
        {
            _gate.Release();
        }

        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var tail in tails)
        {
            await tail.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private async Task SubscribeAsync(string connectionId, StaffUser user, string stream, string? storeId, long afterSequence)
    {
        BoardSubscription? previous;
        BoardSubscription subscription;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            previous = Detach(connectionId, stream, keepTail: true);
            if (!_tails.TryGetValue(stream, out var tail))
            {
                tail = new StreamTail(stream, _outbox, _options, _loggers.CreateLogger<StreamTail>());
                _tails[stream] = tail;
            }

            subscription = new BoardSubscription(
                connectionId,
                storeId,
                new BoardViewer(user),
                afterSequence,
                tail,
                _outbox,
                _grains,
                _hub.Clients.Client(connectionId),
                _options,
                _loggers.CreateLogger<BoardSubscription>());
            _subscriptions[(connectionId, stream)] = subscription;

            // Registered with the reader before the catch-up begins, so no batch read meanwhile is missed.
            tail.Add(subscription);
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
            await subscription.Started.ConfigureAwait(false);
        }
        catch
        {
            await UnsubscribeAsync(connectionId, stream).ConfigureAwait(false);
            throw;
        }
    }

    // Callers hold _gate. Stops the stream's reader when its last subscriber leaves (unless one is about to join).
    private BoardSubscription? Detach(string connectionId, string stream, bool keepTail = false)
    {
        if (!_subscriptions.Remove((connectionId, stream), out var subscription))
        {
            return null;
        }

        if (_tails.TryGetValue(stream, out var tail))
        {
            tail.Remove(subscription);
            if (!keepTail && tail.SubscriberCount == 0 && !_subscriptions.Keys.Any(k => k.Stream == stream))
            {
                _tails.TryRemove(stream, out _);
                _ = tail.DisposeAsync().AsTask();
            }
        }

        return subscription;
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
            LogStopFailed(e, subscription.Stream);
        }
    }

    // Runs on the notification thread: only wakes readers, never reads here.
    private void OnChanged(string? stream) => Wake(stream);

    private void Wake(string? stream)
    {
        if (stream is null)
        {
            foreach (var tail in _tails.Values)
            {
                tail.Wake();
            }
        }
        else if (_tails.TryGetValue(stream, out var tail))
        {
            tail.Wake();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping a subscription to {Stream} failed")]
    private partial void LogStopFailed(Exception exception, string stream);
}
