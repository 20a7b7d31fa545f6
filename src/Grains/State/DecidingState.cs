namespace Orleans.Crm.Grains.State;

/// <summary>
/// The state of a grain that decides commands: besides its own data it remembers recent command ids with their
/// results, written in the same state write as the change they caused, so a retry returns the first result.
/// </summary>
public abstract record DecidingState
{
    public ImmutableList<CommandRecord> Commands { get; init; } = [];

    /// <summary>The sequence of the grain's last journal event (its events are numbered 1, 2, … in commit order).</summary>
    public long JournalSequence { get; init; }

    /// <summary>
    /// Events committed with the state but not yet known to be in the journal: appended after each write, again on
    /// activation (a crash between the write and the append loses nothing), and dropped once the journal has them.
    /// </summary>
    public ImmutableList<Journal.JournalEntry> PendingJournal { get; init; } = [];

    /// <summary>
    /// The grain's standing reminder is registered: kept while it has something pending (notices, deadlines, journal
    /// events), removed by a tick that finds nothing left (grains with a permanent sweep, as stores, do not use it).
    /// </summary>
    public bool ReminderOn { get; init; }

    /// <summary>This state with other remembered commands (keeps the derived type).</summary>
    public DecidingState WithCommands(ImmutableList<CommandRecord> commands) => this with { Commands = commands };

    /// <summary>This state with the standing reminder on or off (keeps the derived type).</summary>
    public DecidingState WithReminder(bool on) => this with { ReminderOn = on };

    /// <summary>This state with another journal position (keeps the derived type).</summary>
    public DecidingState WithJournal(long sequence, ImmutableList<Journal.JournalEntry> pending) =>
        this with { JournalSequence = sequence, PendingJournal = pending };
}

/// <summary>
/// A remembered command: its id (hashed), when it was applied, and its result — as JSON (<see cref="CrmJson"/>), or as a
/// reference to what the grain keeps anyway, from which a repeat reads the result again.
/// </summary>
public sealed record CommandRecord(string Id, DateTimeOffset At, string? Result, string? Reference = null);
