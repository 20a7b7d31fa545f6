namespace Orleans.Crm.Bench.Measurement;

/// <summary>Latency samples (milliseconds) from many concurrent callers; percentiles by sorting (samples are few enough).</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _samples = [];
    private readonly Lock _lock = new();

    /// <summary>Number of samples.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _samples.Count;
            }
        }
    }

    /// <summary>Adds one sample.</summary>
    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _samples.Add(milliseconds);
        }
    }

    /// <summary>Adds many samples.</summary>
    public void AddRange(IEnumerable<double> milliseconds)
    {
        lock (_lock)
        {
            _samples.AddRange(milliseconds);
        }
    }

    /// <summary>The p-th percentile (0–100), nearest-rank; NaN without samples.</summary>
    public double Percentile(double p)
    {
        lock (_lock)
        {
            return Percentiles.Of(_samples, p);
        }
    }

    /// <summary>p50.</summary>
    public double P50 => Percentile(50);

    /// <summary>p99.</summary>
    public double P99 => Percentile(99);

    /// <summary>The largest sample.</summary>
    public double Max
    {
        get
        {
            lock (_lock)
            {
                return _samples.Count == 0 ? double.NaN : _samples.Max();
            }
        }
    }

    /// <summary>The mean.</summary>
    public double Mean
    {
        get
        {
            lock (_lock)
            {
                return _samples.Count == 0 ? double.NaN : _samples.Average();
            }
        }
    }
}
