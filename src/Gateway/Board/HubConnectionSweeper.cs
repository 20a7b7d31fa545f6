namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// Every <paramref name="interval"/>, re-checks each holder with open hub connections in this process and closes the
/// connections whose credential no longer works: how a change made through another gateway process (a revoked display,
/// a person who left) reaches the connections open here. A failed check keeps the connections and asks again next round.
/// </summary>
public abstract partial class HubConnectionSweeper(
    HubConnectionRegistry connections,
    TimeSpan interval,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    /// <summary>Closes <paramref name="key"/>'s connections that are refused now; returns how many.</summary>
    protected abstract Task<int> CloseRefusedAsync(string key, IServiceProvider services, CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var keys = connections.Keys;
            if (keys.Count == 0)
            {
                continue;
            }

            await using var scope = scopes.CreateAsyncScope();
            foreach (var key in keys)
            {
                try
                {
                    if (await CloseRefusedAsync(key, scope.ServiceProvider, stoppingToken).ConfigureAwait(false) is > 0 and var closed)
                    {
                        LogClosed(closed, key);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // What decides is out of reach (the registry, the accounts database): keep them up and ask again next time.
                    LogCheckFailed(e, key);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} hub connection(s) of {Key}: its credential no longer works")]
    private partial void LogClosed(int count, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check the hub connections of {Key}; trying again on the next round")]
    private partial void LogCheckFailed(Exception exception, string key);
}
