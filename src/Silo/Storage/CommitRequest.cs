namespace Orleans.Crm.Silo.Storage;

/// <summary>Everything one grain call commits, all-or-nothing.</summary>
/// <param name="CommandId">Recorded with the commit; a second commit with the same id is refused as a duplicate.</param>
/// <param name="ResultJson">The call's result, returned to a repeat of the same command.</param>
/// <param name="Rows">Every row the call read or wrote, with the version it read.</param>
/// <param name="Events">Outbox events, in the order the call published them.</param>
/// <param name="Reminders">Reminder changes of the calling grain.</param>
public sealed record CommitRequest(
    string CommandId,
    string? ResultJson,
    IReadOnlyList<RowChange> Rows,
    IReadOnlyList<PendingEvent> Events,
    IReadOnlyList<ReminderChange> Reminders);

/// <summary>A row of the read set; <paramref name="NewJson"/> is set when the call wrote it.</summary>
public sealed record RowChange(RowKey Key, long ReadVersion, string? NewJson)
{
    /// <summary>True when the call wrote the row (not only read it).</summary>
    public bool IsWrite => NewJson is not null;
}

/// <summary>An event waiting for its sequence number, which only the commit assigns.</summary>
public sealed record PendingEvent(string Stream, string Type, string Payload);

/// <summary>Sets, cancels or acknowledges (deletes after firing, only if still due at that time) a reminder.</summary>
public sealed record ReminderChange(ReminderChangeKind Kind, string GrainType, string GrainKey, string Name, DateTimeOffset DueAt, string? Payload);

/// <summary>What a <see cref="ReminderChange"/> does.</summary>
public enum ReminderChangeKind
{
    /// <summary>Create or move the reminder.</summary>
    Set,

    /// <summary>Remove it.</summary>
    Cancel,

    /// <summary>Remove it if its due time is still the one that fired.</summary>
    Acknowledge,
}
