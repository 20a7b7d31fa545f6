using Microsoft.Extensions.Options;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>
/// Every <see cref="DisplayOptions.ConnectionRecheckInterval"/>, asks the registry about each display connected to this
/// process's hub and closes the connections of revoked (or vanished) ones: how a revocation made through another gateway
/// process reaches the displays connected here.
/// </summary>
public sealed partial class DisplayConnectionSweeper(
    DisplayConnections connections,
    DisplayCredentialCache credentials,
    IOptions<DisplayOptions> options,
    TimeProvider time,
    ILogger<DisplayConnectionSweeper> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ConnectionRecheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (var displayId in connections.Keys)
            {
                try
                {
                    if (await credentials.RefreshAsync(displayId).ConfigureAwait(false) is not { Revoked: false })
                    {
                        LogClosed(connections.Abort(displayId), displayId);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The registry is out of reach: keep the screen up and ask again next time.
                    LogCheckFailed(e, displayId);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} hub connection(s) of revoked display {DisplayId}")]
    private partial void LogClosed(int count, string displayId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check display {DisplayId}; trying again on the next round")]
    private partial void LogCheckFailed(Exception exception, string displayId);
}
