namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The queryable journal of the deciding grains' events (DESIGN rule 9): reports and lists across grains and time read
/// it instead of calling grains. Appends are idempotent by (stream, sequence); the tables derived from the events are
/// updated in the same step, once per event. PostgreSQL in the cluster, memory in the one-process run.
/// </summary>
public interface IJournal
{
    /// <summary>Appends events; ones already present (same stream and sequence) are skipped, with their derived rows.</summary>
    Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalEntry>> ReadAsync(JournalQuery query, CancellationToken cancellationToken = default);

    /// <summary>The task list (derived from the task events), earliest due first.</summary>
    Task<IReadOnlyList<JournalTask>> TasksAsync(TaskQuery query, CancellationToken cancellationToken = default);

    /// <summary>The search's look-up (issue 15): leads by blind-index tokens or running number, newest first.</summary>
    Task<IReadOnlyList<JournalSearchRow>> SearchAsync(JournalSearch query, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence appended for a stream (0 when none).</summary>
    Task<long> LastSequenceAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retention (issue 14): rewrites the events about a lead — those whose subject is the lead or one of its tasks —
    /// with <paramref name="redact"/>'s data (null: unchanged), and the derived task rows with them. The one exception
    /// to append-only: personal data must not outlive its retention. Returns how many events changed.
    /// </summary>
    Task<int> RedactLeadAsync(string leadId, Func<string, string?> redact, CancellationToken cancellationToken = default);
}
