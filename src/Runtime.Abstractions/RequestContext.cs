namespace Orleans.Crm.Runtime;

/// <summary>
/// Ambient values that flow with the next outgoing grain call, like Orleans's <c>RequestContext</c>.
/// The command id is consumed by the first grain call made inside the scope.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<CommandHolder?> Current = new();

    /// <summary>Makes the next grain call in this async flow carry <paramref name="commandId"/>.</summary>
    public static IDisposable WithCommandId(string? commandId)
    {
        var previous = Current.Value;
        Current.Value = commandId is null ? null : new CommandHolder(commandId);
        return new Restore(previous);
    }

    /// <summary>Takes the pending command id, if any (the runtime calls this once per outgoing call).</summary>
    public static string? TakeCommandId()
    {
        var holder = Current.Value;
        if (holder is null || holder.Taken)
        {
            return null;
        }

        holder.Taken = true;
        return holder.CommandId;
    }

    private sealed class CommandHolder(string commandId)
    {
        public string CommandId { get; } = commandId;

        public bool Taken { get; set; }
    }

    private sealed class Restore(CommandHolder? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
