using System.Collections.Concurrent;
using System.Net;
using Orleans.Crm.Bench.Measurement;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>Per-operation latencies and outcomes of a dispatch run.</summary>
public sealed class DispatchStats
{
    /// <summary>POST visits.</summary>
    public LatencyRecorder Visits { get; } = new();

    /// <summary>POST dispatch.</summary>
    public LatencyRecorder Dispatches { get; } = new();

    /// <summary>POST close.</summary>
    public LatencyRecorder Closes { get; } = new();

    /// <summary>Answers by operation and status.</summary>
    public ConcurrentDictionary<(string Operation, HttpStatusCode Status), int> Answers { get; } = new();

    /// <summary>Commands answered 2xx.</summary>
    public long Acknowledged => Answers.Where(a => (int)a.Key.Status is >= 200 and < 300).Sum(a => (long)a.Value);

    /// <summary>"visit 201 ×1234, dispatch 200 ×1200, dispatch 409 ×34, …".</summary>
    public string Summary() => string.Join(", ", Answers.OrderBy(a => a.Key.Operation, StringComparer.Ordinal).ThenBy(a => a.Key.Status)
        .Select(a => $"{a.Key.Operation} {(int)a.Key.Status} ×{a.Value}"));

    /// <summary>Counts one answer.</summary>
    public void Count(string operation, HttpStatusCode status) => Answers.AddOrUpdate((operation, status), 1, (_, n) => n + 1);
}
