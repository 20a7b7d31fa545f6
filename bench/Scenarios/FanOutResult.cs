using Orleans.Crm.Bench.Measurement;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>What the wall screens saw.</summary>
public sealed record FanOutResult(
    LatencyRecorder Latencies,
    int Gaps,
    int Duplicates,
    int NotCaughtUp,
    int Disconnected,
    long Events,
    TimeSpan DrainTime,
    string? FirstError);
