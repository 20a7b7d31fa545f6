namespace Orleans.Crm.Runtime;

/// <summary>
/// Ambient values that flow with the next outgoing grain call, like Orleans's <c>RequestContext</c>.
/// The command id is consumed by the first grain call made inside the scope.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<CommandHolder?> Current = new();

    /// <summary>
    /// Makes the next grain call in this async flow carry a client's command id: a repeat of the same id returns
    /// the first result and changes nothing, and the outcome is recorded even when the call changed nothing.
    /// </summary>
    public static IDisposable WithCommandId(string? commandId) => Set(commandId is null ? null : new PendingCommand(commandId, RecordAlways: true));

    /// <summary>
    /// Makes the next grain call carry a transport retry key (a gateway resending a call to another silo): a
    /// repeat is recognised if the first attempt committed, but a call that changed nothing is not recorded.
    /// </summary>
    public static IDisposable WithRetryKey(string retryKey) => Set(new PendingCommand(retryKey, RecordAlways: false));

    /// <summary>Takes the pending command, if any (the runtime calls this once per outgoing call).</summary>
    public static PendingCommand? TakeCommand()
    {
        var holder = Current.Value;
        if (holder is null || holder.Taken)
        {
            return null;
        }

        holder.Taken = true;
        return holder.Command;
    }

    private static Restore Set(PendingCommand? command)
    {
        var previous = Current.Value;
        Current.Value = command is null ? null : new CommandHolder(command);
        return new Restore(previous);
    }

    private sealed class CommandHolder(PendingCommand command)
    {
        public PendingCommand Command { get; } = command;

        public bool Taken { get; set; }
    }

    private sealed class Restore(CommandHolder? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

/// <summary>A command id waiting for the next grain call.</summary>
/// <param name="Id">The id.</param>
/// <param name="RecordAlways">Record the outcome even if the call changes nothing (client commands).</param>
public sealed record PendingCommand(string Id, bool RecordAlways);
