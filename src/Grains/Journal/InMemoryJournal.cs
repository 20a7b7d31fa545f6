namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The journal of the one-process run (in-memory storage): the same answers as the PostgreSQL journal, lost with the
/// process like the grains' state. Thread-safe; one instance serves every silo of a process that registers it.
/// </summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly Lock _gate = new();
    private readonly List<JournalEntry> _entries = [];
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);
    private readonly HashSet<(string, long)> _keys = [];
    private readonly Dictionary<string, JournalTask> _tasks = new(StringComparer.Ordinal);

    // The search rows (0007_search.sql's crm_search_lead / crm_search_token): ids and tokens only.
    private readonly Dictionary<string, JournalSearchRow> _searchLeads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _searchTokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (_keys.Add((entry.Stream, entry.Sequence)))
                {
                    _entries.Add(entry);
                    _last[entry.Stream] = Math.Max(_last.GetValueOrDefault(entry.Stream), entry.Sequence);
                    Derive(entry);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> ReadAsync(JournalQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<JournalEntry> found = [.. _entries
                .Where(e => query.Kinds.Contains(e.Kind)
                    && (query.StoreId is null || e.StoreId == query.StoreId)
                    && (query.Subject is null || e.Subject == query.Subject)
                    && (query.From is not { } from || e.At >= from)
                    && (query.To is not { } to || e.At < to))
                .OrderBy(e => e.At)
                .ThenBy(e => e.Stream, StringComparer.Ordinal)
                .ThenBy(e => e.Sequence)
                .Take(Math.Min(query.Limit, JournalQuery.MaxLimit))];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalTask>> TasksAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<JournalTask> found = [.. _tasks.Values
                .Where(t => (query.StoreId is null || t.StoreId == query.StoreId)
                    && (query.AssigneeId is null || t.AssigneeId == query.AssigneeId)
                    && (query.AssigneePrefix is null || t.AssigneeId.StartsWith(query.AssigneePrefix, StringComparison.Ordinal))
                    && (query.State is null || t.State == query.State))
                .OrderBy(t => t.DueAt)
                .ThenBy(t => t.TaskId, StringComparer.Ordinal)
                .Take(Math.Min(query.Limit, JournalQuery.MaxLimit))];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalSearchRow>> SearchAsync(JournalSearch query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<JournalSearchRow> found = [.. _searchLeads.Values
                .Where(r => (query.StoreId is null || r.StoreId == query.StoreId)
                    && ((!query.Tokens.IsDefaultOrEmpty && query.Tokens.All(t => _searchTokens.TryGetValue(t, out var leads) && leads.Contains(r.LeadId)))
                        || (query.RunningNumber is { } n && r.RunningNumber == n)))
                .OrderByDescending(r => r.RegisteredAt)
                .ThenBy(r => r.LeadId, StringComparer.Ordinal)
                .Take(Math.Min(query.Limit, JournalSearch.MaxLimit))];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<long> LastSequenceAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_last.GetValueOrDefault(stream));
        }
    }

    /// <inheritdoc />
    public Task<int> RedactLeadAsync(string leadId, Func<string, string?> redact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redact);
        lock (_gate)
        {
            var tasks = _tasks.Values.Where(t => t.LeadId == leadId).Select(t => t.TaskId).ToHashSet(StringComparer.Ordinal);
            var changed = 0;
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if ((entry.Subject == leadId || (entry.Subject is { } subject && tasks.Contains(subject))) && redact(entry.Data) is { } data)
                {
                    _entries[i] = entry with { Data = data };
                    Rederive(_entries[i]);
                    changed++;
                }
            }

            return Task.FromResult(changed);
        }
    }

    /// <summary>A rewritten event's derived rows (as the PostgreSQL journal's redaction and search trigger update them).</summary>
    private void Rederive(JournalEntry entry)
    {
        switch (entry.Kind)
        {
            case JournalKinds.LeadIndexed:
                Derive(entry);
                break;
            case JournalKinds.TaskOpened:
                var opened = System.Text.Json.JsonSerializer.Deserialize<TaskOpened>(entry.Data, CrmJson.Options)!;
                if (_tasks.TryGetValue(opened.TaskId, out var task))
                {
                    _tasks[opened.TaskId] = task with { Summary = opened.Summary };
                }

                break;
            case JournalKinds.TaskDone or JournalKinds.TaskCancelled:
                var done = System.Text.Json.JsonSerializer.Deserialize<TaskDone>(entry.Data, CrmJson.Options)!;
                if (_tasks.TryGetValue(done.TaskId, out var closed) && closed.ClosedAt == entry.At)
                {
                    _tasks[done.TaskId] = closed with { Note = done.Note };
                }

                break;
        }
    }

    /// <summary>The derived task rows, exactly as the PostgreSQL journal's <c>crm_journal_append</c> derives them.</summary>
    private void Derive(JournalEntry entry)
    {
        switch (entry.Kind)
        {
            case JournalKinds.TaskOpened:
                var opened = System.Text.Json.JsonSerializer.Deserialize<TaskOpened>(entry.Data, CrmJson.Options)!;
                _tasks.TryAdd(opened.TaskId, new JournalTask(
                    opened.TaskId, entry.StoreId ?? "", opened.LeadId, opened.Rule, opened.AssigneeId, opened.DueAt, JournalTaskStates.Open, entry.At, opened.Summary, null, null, null));
                break;
            case JournalKinds.TaskDone or JournalKinds.TaskCancelled:
                var done = System.Text.Json.JsonSerializer.Deserialize<TaskDone>(entry.Data, CrmJson.Options)!;
                if (_tasks.TryGetValue(done.TaskId, out var task) && task.State == JournalTaskStates.Open)
                {
                    _tasks[done.TaskId] = task with
                    {
                        State = entry.Kind == JournalKinds.TaskDone ? JournalTaskStates.Done : JournalTaskStates.Cancelled,
                        ClosedAt = entry.At,
                        ClosedBy = done.By,
                        Note = done.Note,
                    };
                }

                break;
            case JournalKinds.LeadIndexed when entry.StoreId is { } storeId:
                var indexed = System.Text.Json.JsonSerializer.Deserialize<LeadIndexed>(entry.Data, CrmJson.Options)!;
                // A lead indexed again (its store, name or phone changed) keeps only its latest tokens.
                if (_searchLeads.ContainsKey(indexed.LeadId))
                {
                    foreach (var leads in _searchTokens.Values)
                    {
                        leads.Remove(indexed.LeadId);
                    }
                }

                _searchLeads[indexed.LeadId] = new JournalSearchRow(indexed.LeadId, storeId, indexed.CustomerId, indexed.RunningNumber, indexed.RegisteredAt);
                foreach (var token in indexed.Tokens)
                {
                    if (!_searchTokens.TryGetValue(token, out var leads))
                    {
                        _searchTokens[token] = leads = new HashSet<string>(StringComparer.Ordinal);
                    }

                    leads.Add(indexed.LeadId);
                }

                break;
        }
    }
}
