using Microsoft.AspNetCore.SignalR;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>Registers each staff member's hub connection with <see cref="StaffConnections"/>, so a departure can close it.</summary>
public sealed class StaffHubFilter(StaffConnections connections) : IHubFilter
{
    /// <inheritdoc />
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (StaffConnections.StaffUserOf(context.Context) is { } user)
        {
            connections.Add(user.UserId, context.Context);
        }

        await next(context).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (StaffConnections.StaffUserOf(context.Context) is { } user)
        {
            connections.Remove(user.UserId, context.Context.ConnectionId);
        }

        await next(context, exception).ConfigureAwait(false);
    }
}
