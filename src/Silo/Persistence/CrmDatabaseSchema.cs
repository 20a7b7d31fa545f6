using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Orleans.Crm.Silo.Persistence;

/// <summary>
/// The PostgreSQL schema of the three Orleans ADO.NET providers (grain storage, clustering, reminders): the project's
/// own scripts, embedded as <c>Persistence/Sql/NNNN_name.sql</c> and applied in the order of their numbers.
/// </summary>
public static partial class CrmDatabaseSchema
{
    // Any fixed number, the same in every process: silos starting together on one database queue on it, so the
    // scripts run once at a time (advisory locks are per database, so other databases never wait).
    private const long ApplyLockKey = 0x43524D5F534348; // "CRM_SCH"

    private const string VersionsTable = """
        CREATE TABLE IF NOT EXISTS crm_schema_versions
        (
            version    int4        NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private static readonly Lazy<IReadOnlyList<Script>> Scripts = new(LoadScripts);

    /// <summary>The versions of the embedded scripts, in the order they apply.</summary>
    public static IReadOnlyList<int> ScriptVersions => [.. Scripts.Value.Select(s => s.Version)];

    /// <summary>
    /// Every query key the providers read from <c>orleansquery</c>: the required ones of clustering and reminders (a
    /// gateway-list client loads the clustering keys too), persistence's, and the optional ones the project relies
    /// on (DeleteStorageKey for DeleteStateOnClear, CleanupDefunctSiloEntryKey for per-row cleanup in 10.4.2).
    /// </summary>
    public static IReadOnlyList<string> RequiredQueryKeys { get; } =
    [
        // Persistence.AdoNet
        "ReadFromStorageKey",
        "WriteToStorageKey",
        "ClearStorageKey",
        "DeleteStorageKey",

        // Clustering.AdoNet
        "InsertMembershipVersionKey",
        "MembershipReadAllKey",
        "MembershipReadRowKey",
        "InsertMembershipKey",
        "UpdateMembershipKey",
        "UpdateIAmAlivetimeKey",
        "GatewaysQueryKey",
        "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
        "CleanupDefunctSiloEntryKey",

        // Reminders.AdoNet
        "ReadReminderRowsKey",
        "ReadReminderRowKey",
        "ReadRangeRows1Key",
        "ReadRangeRows2Key",
        "UpsertReminderRowKey",
        "DeleteReminderRowKey",
        "DeleteReminderRowsKey",
    ];

    /// <summary>
    /// Applies the scripts not yet recorded in <c>crm_schema_versions</c>, all in one transaction under an advisory
    /// lock, so any number of processes may call it at once on the same database. Running it again changes nothing.
    /// </summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // Taken first: whoever waits here sees, once it gets the lock, everything the previous holder committed.
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({ApplyLockKey})", ct);
        await ExecuteAsync(connection, transaction, VersionsTable, ct);

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand("SELECT version FROM crm_schema_versions", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var script in Scripts.Value.Where(s => !applied.Contains(s.Version)))
        {
            await ExecuteAsync(connection, transaction, script.Text, ct);
            await using var record = new NpgsqlCommand(
                "INSERT INTO crm_schema_versions (version, name) VALUES (@version, @name)", connection, transaction);
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            await record.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// True when <c>orleansquery</c> holds every key of <see cref="RequiredQueryKeys"/>, so the providers can start.
    /// Throws <see cref="NpgsqlException"/> when the database cannot be reached.
    /// </summary>
    public static async Task<bool> IsReadyAsync(string connectionString, CancellationToken ct) =>
        (await MissingQueryKeysAsync(connectionString, ct)).Count == 0;

    /// <summary>
    /// Waits until <see cref="IsReadyAsync"/> is true, retrying while PostgreSQL is unreachable or the schema is not
    /// there yet: a client or gateway started before any silo waits here for a silo to apply the scripts.
    /// </summary>
    public static async Task WaitUntilReadyAsync(string connectionString, TimeSpan retryInterval, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var database = $"{settings.Host}:{settings.Port}/{settings.Database}";
        while (true)
        {
            try
            {
                var missing = await MissingQueryKeysAsync(connectionString, ct);
                if (missing.Count == 0)
                {
                    LogReady(logger, database);
                    return;
                }

                LogWaitingForSchema(logger, database, missing.Count, string.Join(", ", missing));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // A connection attempt that fails while the caller gives up is the caller giving up.
                ct.ThrowIfCancellationRequested();
                LogWaitingForDatabase(logger, database, e.Message);
            }

            await Task.Delay(retryInterval, ct);
        }
    }

    private static async Task<IReadOnlyList<string>> MissingQueryKeysAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);

        // The table itself may be missing (nothing applied yet): ask the catalogue first rather than fail on 42P01.
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('orleansquery') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return RequiredQueryKeys;
            }
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery WHERE querykey = ANY(@keys)", connection);
        command.Parameters.AddWithValue("keys", RequiredQueryKeys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            present.Add(reader.GetString(0));
        }

        return RequiredQueryKeys.Where(k => !present.Contains(k)).ToList();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    // Found by file name, whatever prefix the build gave the resource (it depends on the project's root namespace).
    private static List<Script> LoadScripts()
    {
        var assembly = typeof(CrmDatabaseSchema).Assembly;
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new Script(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No schema scripts (NNNN_name.sql) are embedded in {assembly.GetName().Name}.");
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two schema scripts share the number {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");
        }

        return scripts.OrderBy(s => s.Version).ToList();
    }

    [GeneratedRegex(@"(?:^|[._])(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();

    [LoggerMessage(Level = LogLevel.Information, Message = "The Orleans schema is ready in {Database}.")]
    private static partial void LogReady(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for a silo to apply the Orleans schema in {Database}: {Count} query keys missing ({Keys}).")]
    private static partial void LogWaitingForSchema(ILogger logger, string database, int count, string keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for PostgreSQL at {Database}: {Reason}")]
    private static partial void LogWaitingForDatabase(ILogger logger, string database, string reason);

    private sealed record Script(int Version, string Name, string Text);
}
