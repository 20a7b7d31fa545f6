using Orleans.Crm.Runtime;

namespace Orleans.Crm.Gateway.Api;

/// <summary>Runs one grain command under the client's command id, so a retry returns the first result and changes nothing.</summary>
public static class Commands
{
    /// <summary>
    /// Calls <paramref name="call"/> with <paramref name="commandId"/> attached to its grain call. The id is scoped by
    /// caller, operation and target: the runtime's record is chain-wide, and an id reused by another user or for
    /// another command must not hand back that command's result (someone else's claim, a deposit's result for a
    /// contract). Do lookups before this: the first grain call inside consumes the id.
    /// </summary>
    public static async Task<T> RunAsync<T>(HttpContext http, string operation, string target, string commandId, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var caller = http.Staff();
        using (RequestContext.WithCommandId($"api:{caller.Role}:{caller.StoreId}:{caller.UserId}:{operation}:{target}:{commandId}"))
        {
            return await call().ConfigureAwait(false);
        }
    }
}
