using Microsoft.Extensions.Options;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// Every <see cref="StaffStatusOptions.ConnectionRecheckInterval"/>, re-checks each staff member connected to this
/// process's hubs against their account and closes the connections of people who left or moved: how a departure
/// recorded through another gateway process reaches the boards open here.
/// </summary>
public sealed partial class StaffConnectionSweeper(
    StaffConnections connections,
    IServiceScopeFactory scopes,
    IOptions<StaffStatusOptions> options,
    TimeProvider time,
    ILogger<StaffConnectionSweeper> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ConnectionRecheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var users = connections.Keys;
            if (users.Count == 0)
            {
                continue;
            }

            await using var scope = scopes.CreateAsyncScope();
            foreach (var userId in users)
            {
                try
                {
                    if (await connections.RecheckAsync(userId, scope.ServiceProvider, stoppingToken).ConfigureAwait(false) is > 0 and var closed)
                    {
                        LogClosed(closed, userId);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The accounts database is out of reach: keep the board up and ask again next time.
                    LogCheckFailed(e, userId);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} hub connection(s) of {UserId}, who left or moved")]
    private partial void LogClosed(int count, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check {UserId}'s hub connections; trying again on the next round")]
    private partial void LogCheckFailed(Exception exception, string userId);
}
