using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Crm.Silo.Persistence;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Providers;

/// <summary>The schema applier and the shape of what it creates, on a real PostgreSQL.</summary>
public sealed class DatabaseSchemaTests
{
    [Fact]
    public async Task ApplyingTheSchemaTwiceChangesNothing()
    {
        var database = await NewDatabaseAsync("schema_twice");
        await CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None);
        var first = await SnapshotAsync(database);

        await CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None);
        var second = await SnapshotAsync(database);

        Assert.Equal(first, second);
        Assert.Contains("version 1 orleans_query", first);
        Assert.Contains("version 4 reminders", first);
        Assert.Equal(
            CrmDatabaseSchema.RequiredQueryKeys.Order(StringComparer.Ordinal),
            (await Sql.RowsAsync(database, "SELECT querykey FROM orleansquery")).Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheScriptsCanRunAgainAndRestoreTheQueryTexts()
    {
        var database = await NewDatabaseAsync("schema_rerun");
        await CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None);
        var original = await Sql.QueryTextAsync(database, "WriteToStorageKey");
        await Sql.ExecuteAsync(database, "UPDATE orleansquery SET querytext = 'SELECT 1' WHERE querykey = 'WriteToStorageKey'");

        // Forget that anything was applied: every script runs again over the existing tables.
        await Sql.ExecuteAsync(database, "DELETE FROM crm_schema_versions");
        await CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None);

        Assert.Equal(original, await Sql.QueryTextAsync(database, "WriteToStorageKey"));
        Assert.Equal((long)CrmDatabaseSchema.ScriptVersions.Count, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM crm_schema_versions"));
        Assert.True(await CrmDatabaseSchema.IsReadyAsync(database, CancellationToken.None));
    }

    [Fact]
    public async Task FourConcurrentAppliesOnAnEmptyDatabaseAllSucceed()
    {
        var database = await NewDatabaseAsync("schema_race");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None))));

        var versions = await Sql.RowsAsync(database, "SELECT version FROM crm_schema_versions ORDER BY version");
        Assert.Equal(CrmDatabaseSchema.ScriptVersions, versions.Select(r => (int)r[0]!));
        Assert.True(await CrmDatabaseSchema.IsReadyAsync(database, CancellationToken.None));
    }

    [Fact]
    public async Task IsReadyIsFalseOnAnEmptyDatabaseAndTrueOnceEveryKeyIsThere()
    {
        var database = await NewDatabaseAsync("schema_ready");
        Assert.False(await CrmDatabaseSchema.IsReadyAsync(database, CancellationToken.None));

        await CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None);
        Assert.True(await CrmDatabaseSchema.IsReadyAsync(database, CancellationToken.None));

        await Sql.ExecuteAsync(database, "DELETE FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntryKey'");
        Assert.False(await CrmDatabaseSchema.IsReadyAsync(database, CancellationToken.None));
    }

    [Fact]
    public async Task WaitUntilReadyWaitsForTheSchemaAndReportsWhatIsMissing()
    {
        var database = await NewDatabaseAsync("schema_wait");
        var logger = new ListLogger();
        using var cancel = new CancellationTokenSource(Eventually.Deadline);
        var waiting = CrmDatabaseSchema.WaitUntilReadyAsync(database, TimeSpan.FromMilliseconds(100), logger, cancel.Token);

        await Eventually.UntilAsync(() => Task.FromResult(logger.Messages.Any(m => m.Contains("21 query keys missing", StringComparison.Ordinal))), "the wait to log the missing keys");
        Assert.False(waiting.IsCompleted);

        await CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None);
        await waiting.WaitAsync(Eventually.Deadline);
        Assert.Contains(logger.Messages, m => m.Contains("is ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitUntilReadyKeepsRetryingWhilePostgresIsUnreachable()
    {
        // A port nothing listens on: connection refused, again and again, until the caller gives up.
        var unreachable = new NpgsqlConnectionStringBuilder(await NewDatabaseAsync("schema_down")) { Port = FreePort(), Timeout = 2 }.ConnectionString;
        var logger = new ListLogger();
        using var cancel = new CancellationTokenSource();
        var waiting = CrmDatabaseSchema.WaitUntilReadyAsync(unreachable, TimeSpan.FromMilliseconds(100), logger, cancel.Token);

        await Eventually.UntilAsync(() => Task.FromResult(logger.Messages.Count(m => m.StartsWith("Waiting for PostgreSQL", StringComparison.Ordinal)) >= 2), "two failed attempts to be logged");
        Assert.False(waiting.IsCompleted);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    /// <summary>
    /// Grain state and reminders grow with the business; their key lookups must be index seeks. With sequential
    /// scans disabled, a predicate no index can serve still shows a Seq Scan (at a huge cost), so the plan tells.
    /// </summary>
    [Theory]
    [InlineData("ReadFromStorageKey", "k:customer-1")]
    [InlineData("ReadFromStorageKey", null)]
    [InlineData("WriteToStorageKey", "k:customer-1")]
    [InlineData("WriteToStorageKey", null)]
    [InlineData("ClearStorageKey", "k:customer-1")]
    [InlineData("DeleteStorageKey", "k:customer-1")]
    [InlineData("DeleteStorageKey", null)]
    [InlineData("ReadReminderRowsKey", null)]
    [InlineData("ReadReminderRowKey", null)]
    [InlineData("ReadRangeRows1Key", null)]
    [InlineData("ReadRangeRows2Key", null)]
    [InlineData("DeleteReminderRowKey", null)]
    public async Task KeyLookupsOfTheGrowingTablesUseAnIndex(string queryKey, string? extension)
    {
        var database = await NewDatabaseAsync("schema_plan");
        await CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None);
        var text = await Sql.QueryTextAsync(database, queryKey);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SET enable_seqscan = off", connection);
        await command.ExecuteNonQueryAsync();
        command.CommandText = "EXPLAIN " + text;

        // The parameters with the types the providers bind (DbExtensions: int, long, string, byte[], DateTime).
        command.Parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Text) { Value = "service" });
        command.Parameters.Add(new NpgsqlParameter("GrainTypeString", NpgsqlDbType.Text) { Value = "counter" });
        command.Parameters.Add(new NpgsqlParameter("GrainIdN0", NpgsqlDbType.Bigint) { Value = 0L });
        command.Parameters.Add(new NpgsqlParameter("GrainIdN1", NpgsqlDbType.Bigint) { Value = extension is null ? 42L : 0L });
        command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = (object?)extension ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("GrainIdHash", NpgsqlDbType.Integer) { Value = 1 });
        command.Parameters.Add(new NpgsqlParameter("GrainTypeHash", NpgsqlDbType.Integer) { Value = 2 });
        command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = extension is null ? DBNull.Value : 7 });
        command.Parameters.Add(new NpgsqlParameter("PayloadBinary", NpgsqlDbType.Bytea) { Value = new byte[] { 1 } });
        command.Parameters.Add(new NpgsqlParameter("GrainId", NpgsqlDbType.Text) { Value = "probe/r1" });
        command.Parameters.Add(new NpgsqlParameter("ReminderName", NpgsqlDbType.Text) { Value = "probe" });
        command.Parameters.Add(new NpgsqlParameter("BeginHash", NpgsqlDbType.Integer) { Value = queryKey == "ReadRangeRows2Key" ? 1000 : -1000 });
        command.Parameters.Add(new NpgsqlParameter("EndHash", NpgsqlDbType.Integer) { Value = queryKey == "ReadRangeRows2Key" ? -1000 : 1000 });
        command.Parameters.Add(new NpgsqlParameter("Version", NpgsqlDbType.Integer) { Value = 3 });

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var joined = string.Join("\n", plan);
        Assert.DoesNotContain("Seq Scan", joined, StringComparison.Ordinal);
        if (!(queryKey == "WriteToStorageKey" && extension is null))
        {
            // (A write without a version only inserts: the planner folds the update branch away, nothing is read.)
            Assert.Contains("Index", joined, StringComparison.Ordinal);
        }
        if (queryKey.EndsWith("StorageKey", StringComparison.Ordinal) && extension is not null)
        {
            // The whole key, extension included, is sought: string keys all share N0 = N1 = 0.
            Assert.Contains("key_extension = ", joined, StringComparison.Ordinal);
        }
    }

    private static async Task<string> NewDatabaseAsync(string prefix) =>
        await (await PostgresServer.GetAsync()).CreateDatabaseAsync(prefix);

    /// <summary>Tables, columns, indexes, the query rows (with their row versions) and the applied versions.</summary>
    private static async Task<string> SnapshotAsync(string database)
    {
        var parts = new List<string>();
        foreach (var row in await Sql.RowsAsync(database, """
            SELECT table_name, column_name, data_type, is_nullable
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """))
        {
            parts.Add($"column {string.Join(' ', row)}");
        }

        foreach (var row in await Sql.RowsAsync(database, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"))
        {
            parts.Add($"index {string.Join(' ', row)}");
        }

        // xmin changes whenever a row is rewritten, even with the same text: it proves nothing ran again.
        foreach (var row in await Sql.RowsAsync(database, "SELECT querykey, xmin::text, md5(querytext) FROM orleansquery ORDER BY querykey"))
        {
            parts.Add($"query {string.Join(' ', row)}");
        }

        foreach (var row in await Sql.RowsAsync(database, "SELECT version, name, applied_at FROM crm_schema_versions ORDER BY version"))
        {
            parts.Add($"version {row[0]} {row[1]} {(DateTime)row[2]!:O}");
        }

        return string.Join("\n", parts);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ListLogger : ILogger
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => [.. _messages];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception));
    }
}
