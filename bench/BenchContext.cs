using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Reporting;

namespace Orleans.Crm.Bench;

/// <summary>What the scenarios share: options, the PostgreSQL cluster, the report, and the baselines measured first.</summary>
public sealed class BenchContext(BenchOptions options, PostgresCluster cluster, BenchReport report)
{
    /// <summary>The options.</summary>
    public BenchOptions Options { get; } = options;

    /// <summary>The one PostgreSQL server of the run.</summary>
    public PostgresCluster Cluster { get; } = cluster;

    /// <summary>The rows and notes found so far.</summary>
    public BenchReport Report { get; } = report;

    /// <summary>The PostgreSQL baselines (scenario 1), set before any other scenario runs.</summary>
    public FloorResult Floor { get; set; } = FloorResult.None;

    /// <summary>The engine's baseline (the grain-write floor), set right after the PostgreSQL floor.</summary>
    public GrainFloorResult GrainFloor { get; set; } = GrainFloorResult.None;
}
