namespace Orleans.Crm.Gateway.Api;

/// <summary>Runs one grain command under the client's command id, so a retry returns the first result and changes nothing.</summary>
public static class Commands
{
    /// <summary>
    /// Calls <paramref name="call"/> with the command id the deciding grain remembers. The id is scoped by caller,
    /// operation and target: an id reused by another user or for another command must not hand back that command's
    /// result (someone else's claim, a deposit's result for a contract).
    /// </summary>
    public static Task<T> RunAsync<T>(HttpContext http, string operation, string target, string commandId, Func<string, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var caller = http.Staff();
        return call($"api:{caller.Role}:{caller.StoreId}:{caller.UserId}:{operation}:{target}:{commandId}");
    }
}
