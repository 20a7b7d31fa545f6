namespace Orleans.Crm.Bench;

/// <summary>The baselines every ratio is taken against, measured on the same PostgreSQL in the same run.</summary>
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
