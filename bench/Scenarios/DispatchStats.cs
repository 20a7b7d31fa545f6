using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Orleans.Crm.Bench.Measurement;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>Per-operation latencies and outcomes of a dispatch run (HTTP status codes, or grain-call outcomes).</summary>
public sealed class DispatchStats
{
    /// <summary>The outcome of a grain call that answered.</summary>
    public const string Answered = "ok";

    /// <summary>The outcome of a grain call whose write lost a version check.</summary>
    public const string Conflict = "conflict";

    /// <summary>Register visit.</summary>
    public LatencyRecorder Visits { get; } = new();

    /// <summary>Dispatch.</summary>
    public LatencyRecorder Dispatches { get; } = new();

    /// <summary>Close.</summary>
    public LatencyRecorder Closes { get; } = new();

    /// <summary>Answers by operation and outcome, with whether they were acknowledged.</summary>
    public ConcurrentDictionary<(string Operation, string Outcome, bool Acknowledged), int> Answers { get; } = new();

    /// <summary>Commands acknowledged (HTTP 2xx; a grain call that answered).</summary>
    public long Acknowledged => Answers.Where(a => a.Key.Acknowledged).Sum(a => (long)a.Value);

    /// <summary>Commands not acknowledged with outcome <paramref name="outcome"/>.</summary>
    public long Failed(string? outcome = null) => Answers.Where(a => !a.Key.Acknowledged && (outcome is null || a.Key.Outcome == outcome)).Sum(a => (long)a.Value);

    /// <summary>The first failure seen, for the notes.</summary>
    public string? FirstFailure { get; private set; }

    /// <summary>"close 200 ×1200, dispatch 200 ×1200, visit 201 ×1234, …".</summary>
    public string Summary() => string.Join(", ", Answers.OrderBy(a => a.Key.Operation, StringComparer.Ordinal).ThenBy(a => a.Key.Outcome, StringComparer.Ordinal)
        .Select(a => $"{a.Key.Operation} {a.Key.Outcome} ×{a.Value}"));

    /// <summary>Counts one HTTP answer.</summary>
    public void Count(string operation, HttpStatusCode status) =>
        Count(operation, ((int)status).ToString(CultureInfo.InvariantCulture), (int)status is >= 200 and < 300);

    /// <summary>Counts one answer.</summary>
    public void Count(string operation, string outcome, bool acknowledged) =>
        Answers.AddOrUpdate((operation, outcome, acknowledged), 1, (_, n) => n + 1);

    /// <summary>Counts one failed grain call.</summary>
    public void Fail(string operation, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Count(operation, Infrastructure.GrainCallCounter.IsConflict(exception) ? Conflict : exception.GetType().Name, acknowledged: false);
        FirstFailure ??= $"{operation}: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}";
    }
}
