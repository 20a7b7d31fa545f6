using System.Diagnostics;
using Orleans.Crm.Silo.Hosting;

namespace Orleans.Crm.Gateway.Api;

/// <summary>Runs one grain command under the client's command id, so a retry returns the first result and changes nothing.</summary>
public static class Commands
{
    private const string CommandSpan = "crm.command";

    /// <summary>
    /// Calls <paramref name="call"/> with the command id the deciding grain remembers. The id is scoped by caller,
    /// operation and target: an id reused by another user or for another command must not hand back that command's
    /// result (someone else's claim, a deposit's result for a contract). While it runs, the client's id is on every log
    /// line (a logging scope here, and in the silos through Orleans's RequestContext) and on a span with the store
    /// (<paramref name="storeId"/>: the store that decides, or null for the pool's own commands).
    /// </summary>
    public static async Task<T> RunAsync<T>(HttpContext http, string operation, string target, string? storeId, string commandId, Func<string, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(call);
        var caller = http.Staff();
        using var activity = CrmTracing.Source.StartActivity(CommandSpan);
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = operation;
            activity.SetTag(CrmTracing.CommandIdTag, commandId);
            activity.SetTag(CrmTracing.StoreTag, storeId);
            activity.SetTag(CrmTracing.OperationTag, operation);
        }

        using var scope = http.RequestServices.GetRequiredService<ILogger<CommandLogScope>>().BeginScope(new CommandLogScope(commandId));

        // Travels with the grain call and every call it makes in turn; set inside this async method, it is gone again
        // for the caller once this returns (RequestContext lives in the async flow).
        RequestContext.Set(CommandLogScope.RequestContextKey, commandId);
        try
        {
            return await call($"api:{caller.Role}:{caller.StoreId}:{caller.UserId}:{operation}:{target}:{commandId}");
        }
        catch (Exception e) when (activity is not null && ClusterResilience.IsTransient(e))
        {
            // Only the cluster's failures mark the span: the rules' refusals are answers.
            activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
