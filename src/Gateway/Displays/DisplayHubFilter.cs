using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Gateway.Board;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>Registers each paired display's hub connection with <see cref="DisplayConnections"/>, so a revocation can close it.</summary>
public sealed class DisplayHubFilter(DisplayConnections connections) : HubConnectionFilter(connections)
{
    /// <inheritdoc />
    protected override string? KeyOf(HubCallerContext connection) => connection?.User?.FindFirst(DisplayCredentials.DisplayIdClaim)?.Value;
}
