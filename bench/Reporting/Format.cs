using System.Globalization;

namespace Orleans.Crm.Bench.Reporting;

/// <summary>Number formats of the table (invariant culture, so reports diff cleanly across machines).</summary>
public static class Format
{
    /// <summary>Milliseconds with a precision that suits the size.</summary>
    public static string Ms(double milliseconds) => double.IsNaN(milliseconds)
        ? "n/a"
        : milliseconds < 10
            ? milliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms"
            : milliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>p50 / p99 pair.</summary>
    public static string P50P99(double p50, double p99) => $"{Ms(p50)} / {Ms(p99)}";

    /// <summary>Operations per second.</summary>
    public static string PerSecond(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "/s";

    /// <summary>A ratio.</summary>
    public static string Ratio(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "×";

    /// <summary>A percentage of a share in [0, 1].</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>Mebibytes.</summary>
    public static string MiB(double bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    /// <summary>An integer.</summary>
    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
