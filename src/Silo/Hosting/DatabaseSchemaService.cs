using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Crm.Silo.Persistence;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// Runs before Orleans starts (registered ahead of it; hosted services start in order): a silo applies the project's
/// PostgreSQL scripts (idempotent, under an advisory lock), because the ADO.NET providers read their queries while
/// starting; an Orleans client waits until some silo has applied them. Both retry while the database is unreachable.
/// </summary>
internal sealed partial class DatabaseSchemaService(string connectionString, bool apply, ILogger<DatabaseSchemaService> logger) : IHostedService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!apply)
        {
            await CrmDatabaseSchema.WaitUntilReadyAsync(connectionString, RetryInterval, logger, cancellationToken);
            return;
        }

        while (true)
        {
            try
            {
                await CrmDatabaseSchema.ApplyAsync(connectionString, cancellationToken);
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or System.Net.Sockets.SocketException)
            {
                LogRetry(e, RetryInterval);
                await Task.Delay(RetryInterval, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying the database schema failed; retrying in {Interval}")]
    private partial void LogRetry(Exception exception, TimeSpan interval);
}
