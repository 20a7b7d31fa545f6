namespace Orleans.Crm.Silo.Storage;

/// <summary>The connection failed while committing: the commit may or may not have happened.</summary>
public sealed class CommitOutcomeUnknownException(string commandId, Exception inner)
    : Exception($"The outcome of command {commandId} is unknown (the database connection failed while committing).", inner)
{
    /// <summary>The command whose commit is in doubt; its row tells whether it committed.</summary>
    public string CommandId { get; } = commandId;
}
