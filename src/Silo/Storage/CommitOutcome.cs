namespace Orleans.Crm.Silo.Storage;

/// <summary>How a commit ended.</summary>
public enum CommitOutcome
{
    /// <summary>Durable.</summary>
    Committed,

    /// <summary>A version check failed; nothing was written.</summary>
    Conflict,

    /// <summary>The command id was already recorded by an earlier commit; nothing was written.</summary>
    DuplicateCommand,
}
