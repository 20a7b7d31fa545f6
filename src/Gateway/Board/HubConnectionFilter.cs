using Microsoft.AspNetCore.SignalR;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// Notes each hub connection in <paramref name="connections"/> under its holder (<see cref="KeyOf"/>) while it is open,
/// so a credential that stops working can have its connections closed.
/// </summary>
public abstract class HubConnectionFilter(HubConnectionRegistry connections) : IHubFilter
{
    /// <summary>Who holds the connection in this registry; null for connections it does not track.</summary>
    protected abstract string? KeyOf(HubCallerContext connection);

    /// <inheritdoc />
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (KeyOf(context.Context) is { } key)
        {
            connections.Add(key, context.Context);
        }

        await next(context).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (KeyOf(context.Context) is { } key)
        {
            connections.Remove(key, context.Context.ConnectionId);
        }

        await next(context, exception).ConfigureAwait(false);
    }
}
