using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// This process's one feed of one store's board (or of the pool) while it has subscribers. Its observer receives the
/// grain's pushes; because a push is one way and may be lost (a silo died, the grain was collected or moved, a message
/// was dropped), the feed also renews its subscription every <see cref="BoardOptions.ResubscribeInterval"/> and checks
/// the grain's position every <see cref="BoardOptions.PollInterval"/>: a new activation is subscribed again at once,
/// and events the grain has but the feed has not seen are read and passed on. Each subscription keeps its own cursor,
/// so this feed may start late, repeat or skip without a connection ever seeing a gap or a duplicate.
/// </summary>
internal sealed partial class StreamFeed : IAsyncDisposable
{
    private static readonly TimeSpan MinCallTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan UnsubscribeTimeout = TimeSpan.FromSeconds(2);

    private readonly BoardOptions _options;

    // Bounds a grain call that hangs (a silo that died without a goodbye, until the cluster declares it dead) to about two
    // poll intervals, so the next ticks try again at once and screens catch up soon after the grain moved.
    private readonly TimeSpan _callTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, BoardSubscription> _subscribers = new(StringComparer.Ordinal);
    private readonly Channel<Signal> _signals = Channel.CreateUnbounded<Signal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly long _startedAt;
    private Task _processing = Task.CompletedTask;
    private Task _maintaining = Task.CompletedTask;

    // Owned by the processing loop.
    private long _head = -1;
    private long? _confirmedAt;

    // Owned by the maintenance loop.
    private string? _activationId;
    private bool _failing;

    public StreamFeed(FeedSource source, BoardOptions options, TimeProvider time, ILogger logger)
    {
        Source = source;
        _options = options;
        _callTimeout = TimeSpan.FromTicks(Math.Max(2 * options.PollInterval.Ticks, MinCallTimeout.Ticks));
        _time = time;
        _logger = logger;
        _startedAt = time.GetTimestamp();
    }

    public FeedSource Source { get; }

    public FeedKey Key => Source.Key;

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Completes after the first attempt to subscribe to the grain, whether it worked or not (never faults).</summary>
    public Task Ready => _ready.Task;

    public void Start()
    {
        Source.Pushed = e => _signals.Writer.TryWrite(new Pushed(e));
        _processing = Task.Run(() => ProcessAsync(_stop.Token));
        _maintaining = Task.Run(() => MaintainAsync(_stop.Token));
    }

    /// <summary>Registers a subscription before it reads anything, so nothing passed on meanwhile is missed.</summary>
    public void Add(BoardSubscription subscription) => _subscribers[subscription.ConnectionId] = subscription;

    /// <summary>Removes the connection's subscription if it is still <paramref name="subscription"/>.</summary>
    public void Remove(BoardSubscription subscription) =>
        _subscribers.TryRemove(new KeyValuePair<string, BoardSubscription>(subscription.ConnectionId, subscription));

    public async ValueTask DisposeAsync()
    {
        Source.Pushed = null;
        _signals.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _processing, _maintaining })
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        _ready.TrySetResult();
        try
        {
            // Courtesy only: a grain forgets an observer that stops renewing within Grains:ObserverExpiry anyway.
            await Source.UnsubscribeAsync().WaitAsync(UnsubscribeTimeout).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogUnsubscribeFailed(e, Key);
        }

        try
        {
            Source.Release();
        }
        catch (Exception e)
        {
            // The cluster client may already be gone, with its object references.
            LogReleaseFailed(e, Key);
        }

        _stop.Dispose();
    }

    private TimeSpan Now => _time.GetElapsedTime(_startedAt);

    private async Task ProcessAsync(CancellationToken cancellationToken)
    {
        await foreach (var signal in _signals.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                switch (signal)
                {
                    case Pushed pushed:
                        await OnPushedAsync(pushed.Event, cancellationToken).ConfigureAwait(false);
                        break;
                    case Position position:
                        await OnPositionAsync(position.Sequence, cancellationToken).ConfigureAwait(false);
                        break;
                    case Beat:
                        OnBeat();
                        break;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The grain may be unreachable for a while: the next position check reads whatever is still missing.
                LogReadFailed(e, Key);
            }
        }
    }

    private async Task OnPushedAsync(FeedEvent e, CancellationToken cancellationToken)
    {
        if (_head >= 0 && e.Sequence <= _head)
        {
            return;
        }

        if (_head >= 0 && e.Sequence > _head + 1)
        {
            // A push overtook another, or one was lost: read what lies between once here, not once per connection.
            try
            {
                await FillAsync(e.Sequence - 1, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                // Pass the event on anyway: each subscription reads the gap itself, retrying until it can.
                LogReadFailed(failure, Key);
            }
        }

        if (e.Sequence > _head)
        {
            _head = e.Sequence;
            Forward(new FeedBatch([e], e.Sequence));
        }
    }

    private async Task OnPositionAsync(long sequence, CancellationToken cancellationToken)
    {
        if (_head < 0)
        {
            // The first position: subscriptions read from their own cursors, this only tells them how far to go.
            _head = sequence;
            Forward(new FeedBatch([], sequence));
        }
        else if (sequence > _head)
        {
            await FillAsync(sequence, cancellationToken).ConfigureAwait(false);
        }

        if (_head >= sequence)
        {
            _confirmedAt = _time.GetTimestamp();
        }
    }

    private void OnBeat()
    {
        // Silence rather than a heartbeat that cannot vouch for the board: the screens then show it as stale.
        if (_head < 0 || _confirmedAt is not { } confirmedAt || _time.GetElapsedTime(confirmedAt) > _options.ConfirmationWindow)
        {
            return;
        }

        Forward(new FeedHeartbeat(_head, _time.GetUtcNow()));
    }

    private async Task FillAsync(long target, CancellationToken cancellationToken)
    {
        while (_head < target)
        {
            var page = await Source.ReadAsync(_head, _options.ReadBatchSize).WaitAsync(_callTimeout, cancellationToken).ConfigureAwait(false);
            var events = page.Events.Where(e => e.Sequence > _head).ToList();
            if (!page.Complete || events.Count == 0 || events[0].Sequence != _head + 1)
            {
                // The grain no longer keeps them (or has nothing newer after all): the subscriptions behind its end take
                // snapshots (or read) themselves.
                if (page.LastSequence > _head)
                {
                    _head = page.LastSequence;
                    Forward(new FeedBatch([], _head));
                }

                return;
            }

            _head = events[^1].Sequence;
            Forward(new FeedBatch(events, _head));
        }
    }

    private void Forward(FeedItem item)
    {
        foreach (var subscriber in _subscribers.Values)
        {
            subscriber.Offer(item);
        }
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var subscribeAt = TimeSpan.Zero;
        var pollAt = _options.PollInterval;
        var beatAt = _options.HeartbeatInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Now >= subscribeAt)
            {
                var subscribed = await TrySubscribeAsync(cancellationToken).ConfigureAwait(false);
                _ready.TrySetResult();
                // A failed subscription is tried again at the next poll tick, not after a whole renewal interval.
                subscribeAt = Now + (subscribed ? _options.ResubscribeInterval : _options.PollInterval);
                pollAt = Now + _options.PollInterval;
            }
            else if (Now >= pollAt)
            {
                var moved = await TryPollAsync(cancellationToken).ConfigureAwait(false);
                pollAt = Now + _options.PollInterval;
                if (moved)
                {
                    subscribeAt = Now;
                }
            }

            if (Now >= beatAt)
            {
                _signals.Writer.TryWrite(Beat.Instance);
                beatAt = Now + _options.HeartbeatInterval;
            }

            var wait = Min(subscribeAt, pollAt, beatAt) - Now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> TrySubscribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Also what activates the grain again, on a live silo, after the silo that had it died.
            var position = await Source.SubscribeAsync().WaitAsync(_callTimeout, cancellationToken).ConfigureAwait(false);
            if (_activationId is not null && _activationId != position.ActivationId)
            {
                LogResubscribed(Key, position.Sequence);
            }

            _activationId = position.ActivationId;
            _signals.Writer.TryWrite(new Position(position.Sequence));
            Recovered();
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(e, "subscribe");
            return false;
        }
    }

    /// <summary>Checks the grain's position; true when it answered from another activation (subscribe again now).</summary>
    private async Task<bool> TryPollAsync(CancellationToken cancellationToken)
    {
        try
        {
            var position = await Source.GetPositionAsync().WaitAsync(_callTimeout, cancellationToken).ConfigureAwait(false);
            _signals.Writer.TryWrite(new Position(position.Sequence));
            Recovered();
            if (_activationId != position.ActivationId)
            {
                LogMoved(Key, position.Sequence);
                return true;
            }

            return false;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(e, "position check");
            return false;
        }
    }

    // While a silo dies every tick fails for a few seconds: one warning, not one per tick.
    private void Failed(Exception e, string what)
    {
        if (_failing)
        {
            LogStillFailing(Key, what, e.GetType().Name);
        }
        else
        {
            _failing = true;
            LogFailing(e, Key, what);
        }
    }

    private void Recovered()
    {
        if (_failing)
        {
            _failing = false;
            LogRecovered(Key);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b, TimeSpan c) => a < b ? (a < c ? a : c) : (b < c ? b : c);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board feed of {Key}: {What} failed; retrying at the next tick")]
    private partial void LogFailing(Exception exception, FeedKey key, string what);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Board feed of {Key}: {What} still failing ({Error})")]
    private partial void LogStillFailing(FeedKey key, string what, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Board feed of {Key} reaches its grain again")]
    private partial void LogRecovered(FeedKey key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Board feed of {Key}: the grain has a new activation (at sequence {Sequence}); subscribing again")]
    private partial void LogMoved(FeedKey key, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Board feed of {Key} subscribed to the grain's new activation at sequence {Sequence}")]
    private partial void LogResubscribed(FeedKey key, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board feed of {Key}: reading missed events failed; the next position check retries")]
    private partial void LogReadFailed(Exception exception, FeedKey key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Board feed of {Key}: unsubscribing on stop failed (the grain lets the observer expire)")]
    private partial void LogUnsubscribeFailed(Exception exception, FeedKey key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Board feed of {Key}: deleting the observer reference failed")]
    private partial void LogReleaseFailed(Exception exception, FeedKey key);

    private abstract record Signal;

    private sealed record Pushed(FeedEvent Event) : Signal;

    private sealed record Position(long Sequence) : Signal;

    private sealed record Beat : Signal
    {
        public static Beat Instance { get; } = new();
    }
}
