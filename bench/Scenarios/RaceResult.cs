using Orleans.Crm.Bench.Measurement;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>What a series of races found: winner and refusal latencies, and rounds that did not have exactly one winner.</summary>
public sealed class RaceResult
{
    /// <summary>Latency of the one accepted call of each round.</summary>
    public LatencyRecorder Winners { get; } = new();

    /// <summary>Latency of the refused calls (409 naming the holder, or 429 at a limit).</summary>
    public LatencyRecorder Refusals { get; } = new();

    /// <summary>From the first request sent to the last answer, per round.</summary>
    public LatencyRecorder Rounds { get; } = new();

    /// <summary>Rounds measured.</summary>
    public int RoundCount { get; set; }

    /// <summary>Rounds with zero or several winners (must be 0).</summary>
    public int BadRounds { get; set; }

    /// <summary>Answers other than 200/409/429 (must be 0).</summary>
    public int Errors { get; set; }

    /// <summary>429 answers (a manager at the daily claim limit).</summary>
    public int Limited { get; set; }

    /// <summary>The first unexpected answer, for the report.</summary>
    public string? FirstError { get; set; }
}
