namespace Orleans.Crm.Silo.Runtime;

/// <summary>Counters of one runtime instance; the concurrency tests read them as evidence that races happened.</summary>
public sealed class RuntimeStatistics
{
    private long _calls;
    private long _commits;
    private long _conflicts;
    private long _duplicateCommands;
    private long _unknownOutcomes;
    private long _remindersFired;
    private long _activations;
    private long _deactivations;
    private long _staleReads;

    /// <summary>Grain calls started.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Commits that succeeded.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Commits refused by a version check, after which the call was re-run.</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Commands recognised as already applied.</summary>
    public long DuplicateCommands => Interlocked.Read(ref _duplicateCommands);

    /// <summary>Commits whose outcome was unknown and had to be looked up.</summary>
    public long UnknownOutcomes => Interlocked.Read(ref _unknownOutcomes);

    /// <summary>Reminders delivered.</summary>
    public long RemindersFired => Interlocked.Read(ref _remindersFired);

    /// <summary>Read-only calls re-run because a cached row had changed in another silo.</summary>
    public long StaleReads => Interlocked.Read(ref _staleReads);

    /// <summary>Activations created.</summary>
    public long Activations => Interlocked.Read(ref _activations);

    /// <summary>Activations collected.</summary>
    public long Deactivations => Interlocked.Read(ref _deactivations);

    internal void Call() => Interlocked.Increment(ref _calls);

    internal void Commit() => Interlocked.Increment(ref _commits);

    internal void Conflict() => Interlocked.Increment(ref _conflicts);

    internal void Duplicate() => Interlocked.Increment(ref _duplicateCommands);

    internal void Unknown() => Interlocked.Increment(ref _unknownOutcomes);

    internal void ReminderFired() => Interlocked.Increment(ref _remindersFired);

    internal void StaleRead() => Interlocked.Increment(ref _staleReads);

    internal void Activated() => Interlocked.Increment(ref _activations);

    internal void Deactivated() => Interlocked.Increment(ref _deactivations);
}
