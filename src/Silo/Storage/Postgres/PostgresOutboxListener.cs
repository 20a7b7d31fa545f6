using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Orleans.Crm.Silo.Storage.Postgres;

/// <summary>
/// Holds the one long-lived <c>LISTEN</c> connection of the process. NOTIFY is only a wake-up: after every
/// (re)connect, including after a PostgreSQL restart or failover, it raises a null "catch up" signal so that
/// readers re-read their streams from the last sequence they saw.
/// </summary>
public sealed partial class PostgresOutboxListener(NpgsqlDataSource dataSource, ILogger<PostgresOutboxListener> logger) : BackgroundService
{
    /// <summary>Raised with a stream name on NOTIFY, and with null after (re)connecting.</summary>
    public event Action<string?>? Changed;

    /// <summary>How many times the connection was re-established after a failure.</summary>
    public int Reconnects { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, e) => Changed?.Invoke(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresGrainStorage.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                if (!first)
                {
                    Reconnects++;
                }

                first = false;
                delay = TimeSpan.FromMilliseconds(200);
                Changed?.Invoke(null);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogListenFailed(e, delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }

    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox LISTEN connection failed; reconnecting in {Delay}")]
    private partial void LogListenFailed(Exception exception, TimeSpan delay);
}
