namespace Orleans.Crm.Grains.State;

/// <summary>
/// The state of a grain that decides commands: besides its own data it remembers recent command ids with their
/// results, written in the same state write as the change they caused, so a retry returns the first result.
/// </summary>
public abstract record DecidingState
{
    public ImmutableList<CommandRecord> Commands { get; init; } = [];

    /// <summary>This state with other remembered commands (keeps the derived type).</summary>
    public DecidingState WithCommands(ImmutableList<CommandRecord> commands) => this with { Commands = commands };
}

/// <summary>
/// A remembered command: its id (hashed), when it was applied, and its result — as JSON (<see cref="CrmJson"/>), or as a
/// reference to what the grain keeps anyway, from which a repeat reads the result again.
/// </summary>
public sealed record CommandRecord(string Id, DateTimeOffset At, string? Result, string? Reference = null);
