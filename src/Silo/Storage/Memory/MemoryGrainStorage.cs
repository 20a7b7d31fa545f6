namespace Orleans.Crm.Silo.Storage.Memory;

/// <summary>
/// The embedded storage for a one-process run and for tests: the same contract as PostgreSQL, kept in memory
/// under one lock (so every commit is atomic and serialisable). Several runtimes may share one instance,
/// which then plays the database they share.
/// </summary>
public sealed class MemoryGrainStorage(TimeProvider timeProvider, CommitFaultInjector? faults = null) : IGrainStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RowKey, StoredRow> _rows = [];
    private readonly Dictionary<string, CommandRecord> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Orleans.Crm.Runtime.OutboxEvent>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Key, string Name), ReminderRow> _reminders = [];

    /// <inheritdoc />
    public event Action<string?>? Changed;

    /// <inheritdoc />
    public string Name => "memory";

    /// <summary>
    /// A test hook: the next N commits apply and then report <see cref="CommitOutcomeUnknownException"/>,
    /// as a connection that drops after COMMIT reached the server.
    /// </summary>
    public int FailAfterCommit { get; set; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<StoredRow> ReadAsync(RowKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault(key) ?? StoredRow.Absent);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RowKey>> FindStaleAsync(IReadOnlyList<(RowKey Key, long Version)> rows, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<RowKey> stale = [.. rows.Where(r => (_rows.GetValueOrDefault(r.Key)?.Version ?? 0) != r.Version).Select(r => r.Key)];
            return Task.FromResult(stale);
        }
    }

    /// <inheritdoc />
    public Task<CommitOutcome> CommitAsync(CommitRequest request, CancellationToken cancellationToken)
    {
        var staged = new List<(RowKey Key, StoredRow Row)>();
        lock (_gate)
        {
            if (_commands.ContainsKey(request.CommandId))
            {
                return Task.FromResult(CommitOutcome.DuplicateCommand);
            }

            foreach (var row in request.Rows)
            {
                var current = _rows.GetValueOrDefault(row.Key)?.Version ?? 0;
                if (current != row.ReadVersion)
                {
                    return Task.FromResult(CommitOutcome.Conflict);
                }

                if (row.IsWrite)
                {
                    staged.Add((row.Key, new StoredRow(row.ReadVersion + 1, row.NewJson)));
                }
            }

            if (faults?.FailAfterRows is { } failAfter && staged.Count >= failAfter)
            {
                // Nothing staged is applied: the same all-or-nothing as a rolled-back transaction.
                throw new InvalidOperationException($"injected failure after {failAfter} written row(s)");
            }

            Apply(request, staged);
            return Task.FromResult(Acknowledge(request));
        }
    }

    private CommitOutcome Acknowledge(CommitRequest request)
    {
        if (FailAfterCommit > 0)
        {
            FailAfterCommit--;
            throw new CommitOutcomeUnknownException(request.CommandId, new IOException("injected: connection lost after commit"));
        }

        return CommitOutcome.Committed;
    }

    private void Apply(CommitRequest request, List<(RowKey Key, StoredRow Row)> staged)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (key, row) in staged)
        {
            _rows[key] = row;
        }

        _commands[request.CommandId] = new CommandRecord(request.CommandId, request.ResultJson, now);

        var touchedStreams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in request.Events)
        {
            if (!_streams.TryGetValue(e.Stream, out var list))
            {
                _streams[e.Stream] = list = [];
            }

            list.Add(new Orleans.Crm.Runtime.OutboxEvent(e.Stream, list.Count + 1, e.Type, e.Payload, now));
            touchedStreams.Add(e.Stream);
        }

        foreach (var change in request.Reminders)
        {
            var id = (change.GrainType, change.GrainKey, change.Name);
            switch (change.Kind)
            {
                case ReminderChangeKind.Set:
                    _reminders[id] = new ReminderRow(change.DueAt, change.Payload, null, DateTimeOffset.MinValue);
                    break;
                case ReminderChangeKind.Cancel:
                    _reminders.Remove(id);
                    break;
                case ReminderChangeKind.Acknowledge:
                    if (_reminders.TryGetValue(id, out var existing) && existing.DueAt == change.DueAt)
                    {
                        _reminders.Remove(id);
                    }

                    break;
            }
        }

        if (touchedStreams.Count > 0)
        {
            // Like NOTIFY, raised after the commit is visible; handlers only read.
            ThreadPool.UnsafeQueueUserWorkItem(
                static state =>
                {
                    foreach (var stream in state.Streams)
                    {
                        state.Self.Changed?.Invoke(stream);
                    }
                },
                (Self: this, Streams: touchedStreams),
                preferLocal: false);
        }
    }

    /// <inheritdoc />
    public Task<CommandRecord?> FindCommandAsync(string commandId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_commands.GetValueOrDefault(commandId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Orleans.Crm.Runtime.OutboxEvent>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Orleans.Crm.Runtime.OutboxEvent> result = _streams.TryGetValue(stream, out var list)
                ? list.Skip((int)Math.Max(0, afterSequence)).Take(maxCount).ToArray()
                : [];
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task<long> LastSequenceAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_streams.TryGetValue(stream, out var list) ? (long)list.Count : 0L);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DueReminder>> ClaimDueRemindersAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var due = _reminders
                .Where(r => r.Value.DueAt <= now && (r.Value.LeaseOwner is null || r.Value.LeaseUntil < now))
                .OrderBy(r => r.Value.DueAt)
                .Take(max)
                .ToList();
            foreach (var (id, row) in due)
            {
                _reminders[id] = row with { LeaseOwner = owner, LeaseUntil = now + lease };
            }

            IReadOnlyList<DueReminder> result = due
                .Select(r => new DueReminder(r.Key.Type, r.Key.Key, r.Key.Name, r.Value.DueAt, r.Value.Payload))
                .ToArray();
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task ReleaseRemindersAsync(string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var (id, row) in _reminders.Where(r => r.Value.LeaseOwner == owner).ToList())
            {
                _reminders[id] = row with { LeaseOwner = null, LeaseUntil = DateTimeOffset.MinValue };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PruneCommandsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var id in _commands.Where(c => c.Value.CommittedAt < before).Select(c => c.Key).ToList())
            {
                _commands.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    private sealed record ReminderRow(DateTimeOffset DueAt, string? Payload, string? LeaseOwner, DateTimeOffset LeaseUntil);
}
