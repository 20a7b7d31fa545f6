using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Board;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>
/// Every <see cref="DisplayOptions.ConnectionRecheckInterval"/>, asks the registry about each display connected to this
/// process's hub and closes the connections of revoked (or vanished) ones: how a revocation made through another gateway
/// process reaches the displays connected here.
/// </summary>
public sealed class DisplayConnectionSweeper(
    DisplayConnections connections,
    DisplayCredentialCache credentials,
    IOptions<DisplayOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<DisplayConnectionSweeper> logger)
    : HubConnectionSweeper(connections, options.Value.ConnectionRecheckInterval, scopes, time, logger)
{
    /// <inheritdoc />
    protected override async Task<int> CloseRefusedAsync(string key, IServiceProvider services, CancellationToken cancellationToken) =>
        await credentials.RefreshAsync(key).ConfigureAwait(false) is { Revoked: false } ? 0 : connections.Abort(key);
}
