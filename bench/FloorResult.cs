namespace Orleans.Crm.Bench;

/// <summary>The PostgreSQL baselines every ratio is taken against, measured on the same server in the same run.</summary>
/// <param name="UpdateP50">Durable single-row UPDATE, concurrency 1, p50 (ms).</param>
/// <param name="UpdateP99">… p99 (ms).</param>
/// <param name="UpdatesPerSecond">Durable single-row UPDATEs per second at concurrency 16 over 1,000 rows.</param>
/// <param name="NotifyP50">NOTIFY on one connection → notification on a LISTEN connection, p50 (ms).</param>
/// <param name="NotifyP99">… p99 (ms).</param>
public sealed record FloorResult(double UpdateP50, double UpdateP99, double UpdatesPerSecond, double NotifyP50, double NotifyP99)
{
    /// <summary>Not measured yet.</summary>
    public static FloorResult None { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
}

/// <summary>
/// The engine's baseline: one persisted write of a trivial grain through the CRM's grain storage (ADO.NET provider, the
/// project's scripts, the project's serializer), called by an Orleans client of an in-process silo.
/// </summary>
/// <param name="WriteP50">One grain write, concurrency 1, p50 (ms).</param>
/// <param name="WriteP99">… p99 (ms).</param>
/// <param name="WritesPerSecond">Grain writes per second at concurrency 16 over 1,000 grains.</param>
/// <param name="CallP50">A call to the same grain that does not write, p50 (ms): the messaging part of the write.</param>
/// <param name="CallP99">… p99 (ms).</param>
public sealed record GrainFloorResult(double WriteP50, double WriteP99, double WritesPerSecond, double CallP50, double CallP99)
{
    /// <summary>Not measured.</summary>
    public static GrainFloorResult None { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
}
