using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>Readiness's database check: null when the database answers (or none is configured), else why not.</summary>
internal static class DatabasePing
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static async Task<HealthCheckResult?> CheckAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        if (!storage.IsPostgres)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var connection = new NpgsqlConnection(storage.ConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not answer within {Timeout.TotalSeconds:0} s", e);
        }
    }
}
