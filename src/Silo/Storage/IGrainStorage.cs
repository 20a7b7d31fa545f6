using Orleans.Crm.Runtime;

namespace Orleans.Crm.Silo.Storage;

/// <summary>
/// The durable side of the runtime: versioned state rows, recorded commands, the outbox and reminders.
/// Implementations must give the same semantics: the in-memory one for a one-process run, PostgreSQL for everything else.
/// </summary>
public interface IGrainStorage : IOutbox
{
    /// <summary>A short name for logs and health ("memory", "postgres").</summary>
    string Name { get; }

    /// <summary>Creates or migrates what the storage needs (idempotent, safe to run from several processes at once).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads one row.</summary>
    Task<StoredRow> ReadAsync(RowKey key, CancellationToken cancellationToken);

    /// <summary>The rows among <paramref name="rows"/> whose stored version is no longer the one given (read validation).</summary>
    Task<IReadOnlyList<RowKey>> FindStaleAsync(IReadOnlyList<(RowKey Key, long Version)> rows, CancellationToken cancellationToken);

    /// <summary>Commits a call's changes all-or-nothing. Throws <see cref="CommitOutcomeUnknownException"/> when it cannot tell.</summary>
    Task<CommitOutcome> CommitAsync(CommitRequest request, CancellationToken cancellationToken);

    /// <summary>The recorded result of a command, or null when the command was never committed.</summary>
    Task<CommandRecord?> FindCommandAsync(string commandId, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="max"/> due reminders to <paramref name="owner"/>; a lease that expires makes them claimable again.</summary>
    Task<IReadOnlyList<DueReminder>> ClaimDueRemindersAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>Gives back every reminder leased to <paramref name="owner"/> (graceful shutdown).</summary>
    Task ReleaseRemindersAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Deletes command records older than <paramref name="before"/>.</summary>
    Task PruneCommandsAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Checks the storage can be reached (readiness).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
