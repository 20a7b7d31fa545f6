namespace Orleans.Crm.Bench.Measurement;

/// <summary>Nearest-rank percentiles.</summary>
public static class Percentiles
{
    /// <summary>The p-th percentile (0–100) of <paramref name="samples"/>; NaN when empty.</summary>
    public static double Of(IReadOnlyCollection<double> samples, double p)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
