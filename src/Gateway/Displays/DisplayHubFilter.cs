using Microsoft.AspNetCore.SignalR;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>Registers each paired display's hub connection with <see cref="DisplayConnections"/>, so a revocation can close it.</summary>
public sealed class DisplayHubFilter(DisplayConnections connections) : IHubFilter
{
    /// <inheritdoc />
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (DisplayId(context.Context) is { } displayId)
        {
            connections.Add(displayId, context.Context);
        }

        await next(context).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (DisplayId(context.Context) is { } displayId)
        {
            connections.Remove(displayId, context.Context.ConnectionId);
        }

        await next(context, exception).ConfigureAwait(false);
    }

    private static string? DisplayId(HubCallerContext context) => context.User?.FindFirst(DisplayCredentials.DisplayIdClaim)?.Value;
}
