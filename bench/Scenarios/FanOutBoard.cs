using System.Diagnostics;
using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Measurement;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>
/// Scenario 4's wall screens: <c>subscribers</c> SignalR connections from this one process, spread evenly over the
/// stores, each subscribed to its store's board. Also measures the gateway's resident memory before and after they
/// connect (scenario 6's cost per 1,000 connections).
/// </summary>
public sealed class FanOutBoard : IAsyncDisposable
{
    private readonly List<BoardSubscriber> _subscribers;

    private FanOutBoard(List<BoardSubscriber> subscribers, long residentBefore, long residentAfter, bool collected, TimeSpan connectTime)
    {
        _subscribers = subscribers;
        ResidentBefore = residentBefore;
        ResidentAfter = residentAfter;
        Collected = collected;
        ConnectTime = connectTime;
    }

    /// <summary>Gateway VmRSS before the connections.</summary>
    public long ResidentBefore { get; }

    /// <summary>Gateway VmRSS with every connection subscribed.</summary>
    public long ResidentAfter { get; }

    /// <summary>True when a full GC was forced in the gateway before each of the two samples.</summary>
    public bool Collected { get; }

    /// <summary>How long connecting and subscribing all of them took.</summary>
    public TimeSpan ConnectTime { get; }

    /// <summary>Connected subscribers.</summary>
    public int Count => _subscribers.Count;

    /// <summary>Connects <paramref name="count"/> subscribers to the gateway of <paramref name="topology"/>.</summary>
    public static async Task<FanOutBoard> ConnectAsync(Topology topology, IReadOnlyList<string> stores, int count)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(stores);
        var tokens = new Dictionary<string, string>();
        foreach (var store in stores)
        {
            tokens[store] = await topology.Api.TokenAsync("display", store);
        }

        // Both samples after a full GC in the gateway, so the difference is what the connections hold, not garbage that a
        // collection happened (or not) to free in between.
        var collected = await RemoteGc.CollectAsync(topology.Gateway.ProcessId);
        await Task.Delay(1000);
        var before = ProcessMemory.ResidentBytes(topology.Gateway.ProcessId);
        var started = Stopwatch.GetTimestamp();
        var subscribers = new BoardSubscriber[count];

        // A few at a time: a showroom's screens come up over minutes, not in one burst of 1,000 snapshots.
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var store = stores[i % stores.Count];
                subscribers[i] = await BoardSubscriber.ConnectAsync(topology.Gateway.Url, tokens[store], store, CancellationToken.None);
            }
            finally
            {
                gate.Release();
            }
        }));
        var connectTime = Stopwatch.GetElapsedTime(started);
        await Task.Delay(2000);
        collected &= await RemoteGc.CollectAsync(topology.Gateway.ProcessId);
        await Task.Delay(1000);
        var after = ProcessMemory.ResidentBytes(topology.Gateway.ProcessId);
        return new FanOutBoard([.. subscribers], before, after, collected, connectTime);
    }

    /// <summary>From now on, keep latencies (events committed before are catch-up or warm-up).</summary>
    public void StartMeasuring()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var subscriber in _subscribers)
        {
            subscriber.MeasureFrom = now;
        }
    }

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until every subscriber has seen its store's last board sequence (as
    /// <c>GET /api/stores/{id}/board</c> reports it to an HQ token: the store grain's own count, persisted with its state),
    /// then returns the merged latencies, gaps, duplicates, subscribers not caught up, and events delivered.
    /// </summary>
    public async Task<FanOutResult> FinishAsync(CrmApi api, string hqToken, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(api);
        var last = new Dictionary<string, long>();
        foreach (var storeId in _subscribers.Select(s => s.StoreId).Distinct())
        {
            var board = (await api.GetAsync($"api/stores/{storeId}/board", hqToken)).EnsureOk($"GET board of {storeId}");
            last[storeId] = board.Body.GetProperty("sequence").GetInt64();
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadline && _subscribers.Any(s => s.Error is null && s.LastSequence < last.GetValueOrDefault(s.StoreId)))
        {
            await Task.Delay(100);
        }

        var drained = Stopwatch.GetElapsedTime(started);
        var latencies = new LatencyRecorder();
        foreach (var subscriber in _subscribers)
        {
            latencies.AddRange(subscriber.Latencies());
        }

        return new FanOutResult(
            latencies,
            _subscribers.Sum(s => s.Gaps),
            _subscribers.Sum(s => s.Duplicates),
            _subscribers.Count(s => s.LastSequence < last.GetValueOrDefault(s.StoreId)),
            _subscribers.Count(s => s.Error is not null),
            _subscribers.Sum(s => (long)s.Events),
            drained,
            _subscribers.Select(s => s.Error).FirstOrDefault(e => e is not null));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var chunk in _subscribers.Chunk(100))
        {
            await Task.WhenAll(chunk.Select(s => s.DisposeAsync().AsTask()));
        }
    }
}
