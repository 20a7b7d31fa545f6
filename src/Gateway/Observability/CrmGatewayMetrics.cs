using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Gateway.Observability;

/// <summary>
/// What a gateway sees, as instruments of the business's meter (<see cref="CrmMetrics.MeterName"/>, shared with the
/// grains' <see cref="CrmMetrics"/>): retries of cluster calls, how late board events reach screens, and how many
/// screens watch each store. Tags are store ids (or <c>pool</c> for the lead pool's feed), kinds and outcomes only.
/// </summary>
public sealed class CrmGatewayMetrics
{
    /// <summary>The <c>store</c> tag of the lead pool's feed (never a store id: <c>pool</c> is reserved).</summary>
    public const string PoolTag = "pool";

    // Seconds from a board event's decision to its send: tens of milliseconds live, seconds while screens catch up.
    private static readonly double[] LagBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    // Process-wide, as the grains' (see CrmMetrics): a per-host meter disposed with its host would stop the others'.
    private static readonly Meter Meter = new(CrmMetrics.MeterName);
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "crm.gateway.retries",
        "{retry}",
        "API handlers run again because the cluster failed them (silo unavailable, timeout, storage error, version conflict), by exception type.");

    private static readonly Histogram<double> PushLag = Meter.CreateHistogram(
        "crm.board.push_lag",
        "s",
        "From a board or pool event's decision in its grain to its send to one connection; delivery: live (pushed) or catch_up (read after a gap or a reconnect).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });

    private static readonly UpDownCounter<int> Subscriptions = Meter.CreateUpDownCounter<int>(
        "crm.board.screens",
        "{subscription}",
        "Connections subscribed to a store's board (or to the lead pool: store=\"pool\") on this gateway.");

    private readonly TimeProvider _time;

    /// <summary>Measures lags with the gateway's clock.</summary>
    public CrmGatewayMetrics(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>The retry strategy runs a failed API handler again.</summary>
    public void Retried(Exception? failure) =>
        Retries.Add(1, new KeyValuePair<string, object?>("error.type", failure?.GetType().Name ?? "result"));

    /// <summary>An event decided at <paramref name="decidedAt"/> was just sent to one connection.</summary>
    public void Pushed(string? storeId, DateTimeOffset decidedAt, bool live)
    {
        // Silo and gateway clocks differ a little: a negative lag is a clock difference, not an event from the future.
        var lag = Math.Max(0, (_time.GetUtcNow() - decidedAt).TotalSeconds);
        PushLag.Record(lag, new TagList { { "store", storeId ?? PoolTag }, { "delivery", live ? "live" : "catch_up" } });
    }

    /// <summary>A connection subscribed to (+1) or left (-1) a feed.</summary>
    public void Screens(string? storeId, int change) =>
        Subscriptions.Add(change, new KeyValuePair<string, object?>("store", storeId ?? PoolTag));
}
