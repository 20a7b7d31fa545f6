using System.Text.Json;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Storage;

namespace Orleans.Crm.Silo.Runtime;

/// <summary>One attempt of one grain call: its read set, staged writes, events and reminder changes.</summary>
internal sealed class CallTransaction(GrainRuntime runtime, GrainId self, string commandId) : IGrainTransaction
{
    private readonly Dictionary<RowKey, Entry> _rows = [];
    private readonly List<PendingEvent> _events = [];
    private readonly List<ReminderChange> _reminders = [];
    private RowKey? _own;
    private int _childCalls;

    public string CommandId => commandId;

    /// <summary>True when this call may already have run before (a retried command, or a re-run after a conflict).</summary>
    public bool MayRepeat { get; init; }

    public bool HasChanges => _events.Count > 0 || _reminders.Count > 0 || _rows.Values.Any(e => e.Written);

    public IEnumerable<RowKey> Keys => _rows.Keys;

    /// <summary>The command id of the next grain call this call makes: stable across re-runs of this call.</summary>
    public string NextChildCommandId() => $"{commandId}/{Interlocked.Increment(ref _childCalls)}";

    public async Task LoadOwnAsync(Type stateType, CancellationToken cancellationToken)
    {
        _own = new RowKey(GrainTypeRegistry.StateNameOf(stateType), self.Key);
        await LoadAsync(_own.Value, cancellationToken).ConfigureAwait(false);
    }

    public TState GetOwn<TState>() where TState : class, new()
    {
        if (_own is not { } own || own.Type != GrainTypeRegistry.StateNameOf(typeof(TState)))
        {
            throw new InvalidOperationException($"{typeof(TState).Name} is not the state of grain {self}.");
        }

        return Value<TState>(_rows[own]) ?? new TState();
    }

    public async ValueTask<TState?> FindAsync<TState>(string key, CancellationToken cancellationToken = default) where TState : class
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var rowKey = new RowKey(GrainTypeRegistry.StateNameOf(typeof(TState)), key);
        if (!_rows.TryGetValue(rowKey, out var entry))
        {
            entry = await LoadAsync(rowKey, cancellationToken).ConfigureAwait(false);
        }

        return Value<TState>(entry);
    }

    public void Write<TState>(string key, TState state) where TState : class
    {
        ArgumentNullException.ThrowIfNull(state);
        var rowKey = new RowKey(GrainTypeRegistry.StateNameOf(typeof(TState)), key);
        if (!_rows.TryGetValue(rowKey, out var entry))
        {
            // A write must be checked against the version it replaces, so the row must have been read.
            throw new InvalidOperationException($"Read {rowKey} (FindAsync/ReadAsync) before writing it.");
        }

        entry.Value = state;
        entry.Written = true;
    }

    public void Publish(string stream, string eventType, object payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        _events.Add(new PendingEvent(stream, eventType, JsonSerializer.Serialize(payload, payload.GetType(), GrainJson.Options)));
    }

    public void SetReminder(string name, DateTimeOffset dueAt, string? payload = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _reminders.Add(new ReminderChange(ReminderChangeKind.Set, self.Type, self.Key, name, dueAt.ToUniversalTime(), payload));
    }

    public void CancelReminder(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _reminders.Add(new ReminderChange(ReminderChangeKind.Cancel, self.Type, self.Key, name, default, null));
    }

    /// <summary>Removes a fired reminder in the same commit as its handling (unless the handler moved it).</summary>
    public void AcknowledgeReminder(string name, DateTimeOffset dueAt) =>
        _reminders.Insert(0, new ReminderChange(ReminderChangeKind.Acknowledge, self.Type, self.Key, name, dueAt, null));

    public CommitRequest ToCommit(string? resultJson)
    {
        var rows = _rows.Select(r => new RowChange(
            r.Key,
            r.Value.Version,
            r.Value.Written ? JsonSerializer.Serialize(r.Value.Value, r.Value.Value!.GetType(), GrainJson.Options) : null)).ToList();
        return new CommitRequest(commandId, resultJson, rows, _events, _reminders);
    }

    /// <summary>Rows this call took from the silo's cache: another silo may have changed them since.</summary>
    public IReadOnlyList<(RowKey Key, long Version)> CachedReads() =>
        [.. _rows.Where(r => r.Value.FromCache).Select(r => (r.Key, r.Value.Version))];

    /// <summary>The rows as they are once this transaction has committed, for the silo's cache.</summary>
    public IEnumerable<(RowKey Key, StoredRow Row, object? Value)> CommittedRows(CommitRequest request) =>
        request.Rows.Where(r => r.IsWrite).Select(r => (r.Key, new StoredRow(r.ReadVersion + 1, r.NewJson), _rows[r.Key].Value));

    private async Task<Entry> LoadAsync(RowKey key, CancellationToken cancellationToken)
    {
        var (cached, fromCache) = await runtime.ReadRowAsync(key, cancellationToken).ConfigureAwait(false);
        var entry = new Entry { Version = cached.Row.Version, Json = cached.Row.Json, FromCache = fromCache, Shared = cached };
        _rows[key] = entry;
        return entry;
    }

    private static TState? Value<TState>(Entry entry) where TState : class
    {
        if (entry.Value is null && entry.Json is not null)
        {
            if (entry.Shared?.Value is TState shared)
            {
                entry.Value = shared;
            }
            else
            {
                entry.Value = JsonSerializer.Deserialize<TState>(entry.Json, GrainJson.Options);
                entry.Shared?.Value = entry.Value;
            }
        }

        return (TState?)entry.Value;
    }

    private sealed class Entry
    {
        public long Version { get; init; }

        public string? Json { get; init; }

        public bool FromCache { get; init; }

        public CachedRow? Shared { get; init; }

        public object? Value { get; set; }

        public bool Written { get; set; }
    }
}
