using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// Where the database time goes: <c>pg_stat_statements</c> of one database (reset before a run, read after), i.e.
/// calls, rows and server-side execution time per statement shape. The Orleans providers run every statement as its own
/// (implicit) transaction, whose commit — the WAL flush — happens after the executor and is not in the execution time.
/// Each statement is named by the Orleans query key whose text it is (the providers' queries live in the
/// <c>orleansquery</c> table), so the top statements read as WriteToStorage, ReadFromStorage, UpdateIAmAlivetime, ….
/// </summary>
public static partial class StatementStats
{
    /// <summary>The statement Npgsql sends ahead of the next one on a connection returned to its pool (same round trip).</summary>
    public const string DiscardAll = "DISCARD ALL";

    /// <summary>Clears the statistics.</summary>
    public static async Task ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_stat_statements_reset()", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every statement shape executed in this database since the last reset.</summary>
    public static async Task<StatementSummary> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var queries = new NpgsqlCommand("SELECT querykey, querytext FROM orleansquery", connection))
        {
            try
            {
                await using var reader = await queries.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var key = reader.GetString(0);
                    keys.TryAdd(Normalize(reader.GetString(1)), key.EndsWith("Key", StringComparison.Ordinal) ? key[..^3] : key);
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // A database without the project's schema (the floor's): nothing to name.
            }
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT s.query, s.calls, s.rows, s.total_exec_time, s.total_plan_time
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%' AND s.query NOT ILIKE '%orleansquery%'
            ORDER BY s.total_exec_time DESC
            """,
            connection);
        var rows = new List<StatementRow>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var query = reader.GetString(0);
                rows.Add(new StatementRow(query, keys.GetValueOrDefault(Normalize(query)), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetDouble(4)));
            }
        }

        return new StatementSummary(rows);
    }

    // pg_stat_statements shows parameters and constants as $n, the stored texts have @Name and literals: compare both
    // with every placeholder and literal as '?', whitespace collapsed.
    private static string Normalize(string sql)
    {
        var text = Placeholders().Replace(sql, "?");
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }

    [GeneratedRegex(@"@\w+|\$\d+|'(?:[^']|'')*'|(?<![\w$.])\d+(?:\.\d+)?(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholders();
}

/// <summary>
/// One statement shape: its text, the Orleans query key it runs (if any), calls, rows returned or changed, execution
/// and planning time (milliseconds, server side).
/// </summary>
public sealed record StatementRow(string Query, string? Key, long Calls, long Rows, double TotalMs, double PlanMs)
{
    /// <summary>The statement's name for a table: its Orleans query key, or its text shortened.</summary>
    public string Label
    {
        get
        {
            var text = string.Join(' ', Query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            text = text.Length > 90 ? text[..87] + "…" : text;
            return Key is null ? $"`{text.Replace("|", "\\|", StringComparison.Ordinal)}`" : $"**{Key}**";
        }
    }
}

/// <summary>What PostgreSQL executed in one measured window.</summary>
public sealed record StatementSummary(IReadOnlyList<StatementRow> Rows)
{
    /// <summary>Statements executed (every shape, DISCARD ALL included).</summary>
    public long Statements => Rows.Sum(r => r.Calls);

    /// <summary>
    /// Statements that cost a round trip of their own: all but <c>DISCARD ALL</c>, which Npgsql sends in front of the next
    /// statement on a connection taken from its pool.
    /// </summary>
    public long RoundTrips => Statements - Calls(StatementStats.DiscardAll);

    /// <summary>Server execution time of all statements, in milliseconds (planning and the commit's WAL flush not included).</summary>
    public double TotalMs => Rows.Sum(r => r.TotalMs);

    /// <summary>Server planning time of all statements, in milliseconds.</summary>
    public double PlanMs => Rows.Sum(r => r.PlanMs);

    /// <summary>Calls of the statements named <paramref name="keyOrText"/> (an Orleans query key, or the exact text).</summary>
    public long Calls(string keyOrText) => Matching(keyOrText).Sum(r => r.Calls);

    /// <summary>Rows returned or changed by the statements named <paramref name="keyOrText"/>.</summary>
    public long RowCount(string keyOrText) => Matching(keyOrText).Sum(r => r.Rows);

    /// <summary>
    /// Grain writes that lost their ETag check: the WriteToStorage query returns the new version when it wrote and no
    /// row when the expected version was not there any more (the provider then throws InconsistentStateException).
    /// </summary>
    public long LostWrites => Calls("WriteToStorage") - RowCount("WriteToStorage");

    /// <summary>A Markdown table of the top statements by total time.</summary>
    public string Table(int top = 12, long? perCommand = null)
    {
        var text = new StringBuilder();
        text.AppendLine(perCommand is null ? "| statement | calls | rows | total ms | mean ms | mean plan ms |" : "| statement | calls | per command | rows | total ms | mean ms | mean plan ms |");
        text.AppendLine(perCommand is null ? "| --- | ---: | ---: | ---: | ---: | ---: |" : "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in Rows.Take(top))
        {
            var mean = row.Calls == 0 ? 0 : row.TotalMs / row.Calls;
            var share = perCommand is { } commands ? $" {(commands == 0 ? 0 : row.Calls / (double)commands).ToString("0.00", CultureInfo.InvariantCulture)} |" : "";
            var plan = row.Calls == 0 ? 0 : row.PlanMs / row.Calls;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Label} | {row.Calls} |{share} {row.Rows} | {row.TotalMs:0} | {mean:0.000} | {plan:0.000} |");
        }

        return text.ToString();
    }

    private IEnumerable<StatementRow> Matching(string keyOrText) =>
        Rows.Where(r => r.Key == keyOrText || string.Equals(r.Query.Trim(), keyOrText, StringComparison.OrdinalIgnoreCase));
}
