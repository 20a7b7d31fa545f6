using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Grains;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// One connection's subscription to one stream (a store's board, or the pool). Everything it sends goes through one
/// pump, in sequence order, after the last sequence it sent: live batches that overlap the catch-up are trimmed,
/// batches that start beyond it are preceded by a read of the gap. That is what makes "no gaps, no duplicates" hold
/// per connection whatever order the catch-up and the live fan-out race in.
/// </summary>
internal sealed partial class BoardSubscription : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly string? _storeId;
    private readonly BoardViewer _viewer;
    private readonly long _afterSequence;
    private readonly StreamTail _tail;
    private readonly IOutbox _outbox;
    private readonly IGrainFactory _grains;
    private readonly IClientProxy _client;
    private readonly BoardOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<IReadOnlyList<FeedEvent>?> _work = Channel.CreateUnbounded<IReadOnlyList<FeedEvent>?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;
    private long _lastSent = -1;

    public BoardSubscription(string connectionId, string? storeId, BoardViewer viewer, long afterSequence, StreamTail tail, IOutbox outbox, IGrainFactory grains, IClientProxy client, BoardOptions options, ILogger logger)
    {
        ConnectionId = connectionId;
        _storeId = storeId;
        _viewer = viewer;
        _afterSequence = afterSequence;
        _tail = tail;
        _outbox = outbox;
        _grains = grains;
        _client = client;
        _options = options;
        _logger = logger;
    }

    public string ConnectionId { get; }

    public string Stream => _tail.Stream;

    /// <summary>Completes once the snapshot or the missed events have been sent; faults if the start failed.</summary>
    public Task Started => _started.Task;

    public void Start() => _pump = Task.Run(() => PumpAsync(_stop.Token));

    /// <summary>A batch read by the stream's reader (called from its loop; never blocks).</summary>
    public void Offer(IReadOnlyList<FeedEvent> batch) => _work.Writer.TryWrite(batch);

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

        await foreach (var batch in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    await DeliverAsync(batch, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Nothing is skipped: the cursor only moves after a send, so the retry resumes where this stopped.
                    LogDeliveryFailed(e, Stream, ConnectionId);
                    await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task StartFromAsync(CancellationToken cancellationToken)
    {
        var last = await _outbox.LastSequenceAsync(Stream, cancellationToken).ConfigureAwait(false);
        // Zero means "I have nothing": a board cannot be drawn from events alone. A cursor beyond the stream's end
        // belongs to another database (or a reset one), so the client's board is not this one either.
        var needsSnapshot = _afterSequence <= 0 || _afterSequence > last || last - _afterSequence > _options.MaxCatchUpEvents;
        if (needsSnapshot)
        {
            await SendSnapshotAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _lastSent = _afterSequence;
        }

        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SendSnapshotAsync(CancellationToken cancellationToken)
    {
        if (_storeId is null)
        {
            // The pool's list has no sequence of its own: take the sequence first, so the list reflects at least it;
            // events after it may repeat what the list shows, and pool clients apply them as upserts.
            var sequence = await _outbox.LastSequenceAsync(Stream, cancellationToken).ConfigureAwait(false);
            var leads = await _grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).ListAsync().ConfigureAwait(false);
            await _client.SendAsync(BoardMessages.PoolSnapshot, new PoolSnapshotMessage(sequence, [.. leads.Select(_viewer.Apply)]), cancellationToken).ConfigureAwait(false);
            _lastSent = sequence;
            return;
        }

        var snapshot = await _grains.GetGrain<IStoreGrain>(_storeId).GetBoardAsync().ConfigureAwait(false);
        _tail.Remember(snapshot.Queue.Concat(snapshot.TodayLeads));
        await _client.SendAsync(BoardMessages.BoardSnapshot, _viewer.Apply(snapshot), cancellationToken).ConfigureAwait(false);
        _lastSent = snapshot.Sequence;
    }

    private async Task DeliverAsync(IReadOnlyList<FeedEvent>? batch, CancellationToken cancellationToken)
    {
        if (batch is null || batch.Count == 0 || batch[^1].Sequence <= _lastSent)
        {
            return;
        }

        if (batch[0].Sequence > _lastSent + 1)
        {
            // Events between this connection's cursor and the batch: read them (and whatever followed) first.
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var e in batch)
        {
            if (e.Sequence == _lastSent + 1)
            {
                await SendAsync(e, cancellationToken).ConfigureAwait(false);
            }
            else if (e.Sequence > _lastSent + 1)
            {
                await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var events = await _outbox.ReadAsync(Stream, _lastSent, _options.ReadBatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var e in events)
            {
                if (e.Sequence != _lastSent + 1)
                {
                    throw new InvalidOperationException($"Outbox stream {Stream} returned sequence {e.Sequence} after {_lastSent}: a gap.");
                }

                await SendAsync(FeedEvent.Parse(e), cancellationToken).ConfigureAwait(false);
            }

            if (events.Count < _options.ReadBatchSize)
            {
                return;
            }
        }
    }

    private async Task SendAsync(FeedEvent e, CancellationToken cancellationToken)
    {
        if (_storeId is null)
        {
            await _client.SendAsync(BoardMessages.PoolEvent, new PoolEventMessage(e.Sequence, e.Event.Type, e.Event.CommittedAt, e.PoolLead is null ? null : _viewer.Apply(e.PoolLead)), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var message = _viewer.User.IsDisplay ? e.ForDisplays(() => Message(_storeId, e)) : Message(_storeId, e);
            await _client.SendAsync(BoardMessages.BoardEvent, message, cancellationToken).ConfigureAwait(false);
        }

        _lastSent = e.Sequence;
    }

    private BoardEventMessage Message(string storeId, FeedEvent e) =>
        new(storeId, e.Sequence, e.Event.Type, e.Event.CommittedAt, e.Change is null ? null : _viewer.Apply(storeId, e.Change, _tail.KnownCustomers));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Stream} to connection {ConnectionId} failed; retrying")]
    private partial void LogDeliveryFailed(Exception exception, string stream, string connectionId);
}
