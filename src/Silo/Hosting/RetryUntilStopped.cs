using Microsoft.Extensions.Logging;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// A client keeps trying to reach the cluster (silos may start after the gateway, or all be restarting): it is
/// unready meanwhile rather than dead.
/// </summary>
internal sealed partial class RetryUntilStopped(ILogger<RetryUntilStopped> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetry(exception.Message, Interval);
        await Task.Delay(Interval, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo reachable yet ({Reason}); retrying in {Interval}")]
    private partial void LogRetry(string reason, TimeSpan interval);
}
