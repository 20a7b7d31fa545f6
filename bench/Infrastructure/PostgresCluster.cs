using Npgsql;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// The benchmark's PostgreSQL: the shared throwaway server (<see cref="PostgresServer"/>) with durable settings —
/// every acknowledged commit is flushed, so the floor is the physical limit of one acknowledged write — and
/// pg_stat_statements for the report. <c>CRM_BENCH_POSTGRES</c> uses an existing server instead.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>The settings as the report states them.</summary>
    public static readonly IReadOnlyList<string> Settings =
    [
        "fsync=on",
        "synchronous_commit=on",
        "full_page_writes=on",
        "wal_sync_method=fdatasync (default)",
        "max_connections=400",
        "shared_buffers=256MB",
        "shared_preload_libraries=pg_stat_statements",
        "pg_stat_statements.track_planning=on",
    ];

    private static readonly IReadOnlyList<string> ServerSettings =
    [
        "max_connections=400",
        "shared_buffers=256MB",
        "fsync=on",
        "synchronous_commit=on",
        "full_page_writes=on",
        "shared_preload_libraries=pg_stat_statements",
        "pg_stat_statements.track_utility=on",

        // The providers' statements are sent unprepared (see 0002_persistence.sql), so each is planned on every call:
        // planning time shows how much of the database's share that is.
        "pg_stat_statements.track_planning=on",
    ];

    private readonly PostgresServer _server;

    private PostgresCluster(PostgresServer server) => _server = server;

    /// <summary>Connects to the <c>postgres</c> database as a superuser.</summary>
    public string AdminConnectionString => _server.AdminConnectionString;

    /// <summary>A line for the report.</summary>
    public string Description => _server.Description;

    /// <summary>Where the data lives (for the report's disk line).</summary>
    public string? DataDirectory => _server.DataDirectory;

    /// <summary>Starts the durable throwaway server.</summary>
    public static async Task<PostgresCluster> StartAsync() =>
        new(await PostgresServer.StartAsync(ServerSettings, "CRM_BENCH_POSTGRES"));

    /// <summary>Creates a database named <paramref name="name"/> with pg_stat_statements enabled.</summary>
    public async Task<string> CreateDatabaseAsync(string name, int maxPoolSize = 100)
    {
        var connectionString = await _server.CreateNamedDatabaseAsync(name, maxPoolSize);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
        await extension.ExecuteNonQueryAsync();
        return connectionString;
    }

    /// <summary>The server's version.</summary>
    public Task<string> VersionAsync() => _server.VersionAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return _server.DisposeAsync();
    }
}
