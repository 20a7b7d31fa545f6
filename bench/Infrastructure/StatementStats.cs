using System.Globalization;
using System.Text;
using Npgsql;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// Where the database time goes: <c>pg_stat_statements</c> of one database (reset before a run, read after), i.e.
/// server-side execution time per statement shape, COMMIT (the WAL flush) included because utility tracking is on.
/// </summary>
public static class StatementStats
{
    /// <summary>Clears the statistics.</summary>
    public static async Task ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_stat_statements_reset()", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Transactions committed and rolled back in this database so far (a rollback is mostly a lost version check).</summary>
    public static async Task<(long Commits, long Rollbacks)> TransactionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Backends publish their counters about once a second: wait for them, and read fresh values.
        await Task.Delay(1200);
        await using var command = new NpgsqlCommand(
            "SELECT pg_stat_clear_snapshot(); SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>A Markdown table of the top statements by total time, and the total number of statements executed.</summary>
    public static async Task<(string Table, long Statements, double TotalMs)> TopAsync(string connectionString, int top = 12)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT s.query, s.calls, s.total_exec_time, s.mean_exec_time
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'
            ORDER BY s.total_exec_time DESC
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        text.AppendLine("| statement | calls | total ms | mean ms |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        long statements = 0;
        double total = 0;
        var row = 0;
        while (await reader.ReadAsync())
        {
            var calls = reader.GetInt64(1);
            var totalMs = reader.GetDouble(2);
            statements += calls;
            total += totalMs;
            if (row++ < top)
            {
                var query = string.Join(' ', reader.GetString(0).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                if (query.Length > 110)
                {
                    query = query[..107] + "…";
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"| `{query.Replace("|", "\\|", StringComparison.Ordinal)}` | {calls} | {totalMs:0} | {reader.GetDouble(3):0.000} |");
            }
        }

        return (text.ToString(), statements, total);
    }
}
