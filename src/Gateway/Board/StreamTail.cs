using System.Collections.Concurrent;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// The one reader of one outbox stream in this process while it has subscribers: reads by sequence after the last
/// event it read and offers each batch to every subscriber. Each subscriber keeps its own cursor, so this reader
/// may start late, skip or repeat without a subscriber ever seeing a gap or a duplicate.
/// </summary>
internal sealed partial class StreamTail : IAsyncDisposable
{
    private const int MaxKnownCustomers = 5000;

    private readonly IOutbox _outbox;
    private readonly BoardOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, BoardSubscription> _subscribers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Name, string Phone)> _customers = new(StringComparer.Ordinal);
    private readonly WakeSignal _wake = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _head = -1;

    public StreamTail(string stream, IOutbox outbox, BoardOptions options, ILogger logger)
    {
        Stream = stream;
        _outbox = outbox;
        _options = options;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public string Stream { get; }

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Customers seen on this board, so free text can be scrubbed for masked viewers.</summary>
    public IEnumerable<(string Name, string Phone)> KnownCustomers => _customers.Values;

    public void Add(BoardSubscription subscription)
    {
        _subscribers[subscription.ConnectionId] = subscription;
        _wake.Set();
    }

    /// <summary>Removes the connection's subscription if it is still <paramref name="subscription"/>.</summary>
    public void Remove(BoardSubscription subscription) =>
        _subscribers.TryRemove(new KeyValuePair<string, BoardSubscription>(subscription.ConnectionId, subscription));

    public void Wake() => _wake.Set();

    public void Remember(IEnumerable<BoardLead> leads)
    {
        if (_customers.Count > MaxKnownCustomers)
        {
            _customers.Clear();
        }

        foreach (var lead in leads)
        {
            _customers[lead.LeadId] = (lead.CustomerName, lead.Phone);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ReadNewAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The database may be restarting; the poll below retries and subscribers catch up from their cursors.
                LogReadFailed(e, Stream);
            }

            await _wake.WaitAsync(_options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadNewAsync(CancellationToken cancellationToken)
    {
        if (_head < 0)
        {
            // Subscribers catch up on their own from their cursor; this reader only needs what commits from now on.
            _head = await _outbox.LastSequenceAsync(Stream, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var events = await _outbox.ReadAsync(Stream, _head, _options.ReadBatchSize, cancellationToken).ConfigureAwait(false);
            if (events.Count == 0)
            {
                return;
            }

            var batch = events.Select(FeedEvent.Parse).ToList();
            Remember(batch.Where(e => e.Change?.Lead is not null).Select(e => e.Change!.Lead!));
            _head = batch[^1].Sequence;
            foreach (var subscriber in _subscribers.Values)
            {
                subscriber.Offer(batch);
            }

            if (events.Count < _options.ReadBatchSize)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading outbox stream {Stream} failed; retrying at the next poll")]
    private partial void LogReadFailed(Exception exception, string stream);
}
