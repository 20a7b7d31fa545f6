using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Board;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// Every <see cref="StaffStatusOptions.ConnectionRecheckInterval"/>, re-checks each staff member connected to this
/// process's hubs against their account and closes the connections of people who left or moved: how a departure
/// recorded through another gateway process reaches the boards open here.
/// </summary>
public sealed class StaffConnectionSweeper(
    StaffConnections connections,
    IServiceScopeFactory scopes,
    IOptions<StaffStatusOptions> options,
    TimeProvider time,
    ILogger<StaffConnectionSweeper> logger)
    : HubConnectionSweeper(connections, options.Value.ConnectionRecheckInterval, scopes, time, logger)
{
    /// <inheritdoc />
    protected override Task<int> CloseRefusedAsync(string key, IServiceProvider services, CancellationToken cancellationToken) =>
        connections.RecheckAsync(key, services, cancellationToken);
}
