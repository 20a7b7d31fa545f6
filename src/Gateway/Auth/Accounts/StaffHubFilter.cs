using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Gateway.Board;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>Registers each staff member's hub connection with <see cref="StaffConnections"/>, so a departure can close it.</summary>
public sealed class StaffHubFilter(StaffConnections connections) : HubConnectionFilter(connections)
{
    /// <inheritdoc />
    protected override string? KeyOf(HubCallerContext connection) => StaffConnections.StaffUserOf(connection)?.UserId;
}
