namespace Orleans.Crm.Bench;

/// <summary>What to run and for how long (from the command line).</summary>
public sealed record BenchOptions
{
    /// <summary>Scenario names, in run order.</summary>
    public static readonly IReadOnlyList<string> AllScenarios = ["floor", "grain-floor", "claim-race", "dispatch", "fan-out", "hot-store", "memory"];

    /// <summary>The baselines: they always run, every ratio needs them.</summary>
    public static readonly IReadOnlyList<string> Baselines = ["floor", "grain-floor"];

    /// <summary>The scenarios to run (the baselines always run).</summary>
    public required IReadOnlySet<string> Scenarios { get; init; }

    /// <summary>A few seconds per scenario: a smoke check, not a result.</summary>
    public bool Quick { get; init; }

    /// <summary>Measured duration of each throughput run (dispatch over HTTP, hot store; the engine's rush runs half of it).</summary>
    public required TimeSpan LoadDuration { get; init; }

    /// <summary>Measured duration of each floor measurement (PostgreSQL and grain-write floors alike).</summary>
    public required TimeSpan FloorDuration { get; init; }

    /// <summary>Pool leads raced for in the claim race.</summary>
    public required int ClaimRounds { get; init; }

    /// <summary>Customers raced for in the deposit race.</summary>
    public required int DepositRounds { get; init; }

    /// <summary>SignalR subscribers of the fan-out scenario.</summary>
    public required int Subscribers { get; init; }

    /// <summary>Concurrent callers of the dispatch scenario (spread over its 20 stores).</summary>
    public required int DispatchWorkers { get; init; }

    /// <summary>Concurrent callers of the hot-store scenario.</summary>
    public required int HotStoreWorkers { get; init; }

    /// <summary>Collect a CPU profile of the gateway with dotnet-trace during the dispatch run, if the tool is found.</summary>
    public bool Profile { get; init; }

    /// <summary>Where the Markdown report goes.</summary>
    public required string ResultsDirectory { get; init; }

    /// <summary>The earlier report whose figures are shown beside the new ones, if any.</summary>
    public string? PreviousReport { get; init; }

    /// <summary>True when <paramref name="scenario"/> was asked for.</summary>
    public bool Runs(string scenario) => Scenarios.Contains(scenario);
}
