using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for one benchmark run (initdb + pg_ctl on a free loopback port, as the postgres
/// user when run as root). Unlike the test suite's server it keeps PostgreSQL's durable defaults — fsync on,
/// synchronous_commit on, full_page_writes on — because the floor must be the cost of one acknowledged write.
/// <c>CRM_BENCH_POSTGRES</c> (an admin connection string) uses an existing server instead.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>The server settings every scenario runs with (printed in the report).</summary>
    public static readonly IReadOnlyList<string> Settings =
    [
        "fsync=on",
        "synchronous_commit=on",
        "full_page_writes=on",
        "wal_sync_method=fdatasync (default)",
        "max_connections=400",
        "shared_buffers=256MB",
        "shared_preload_libraries=pg_stat_statements",
    ];

    private readonly string? _root;
    private readonly string? _binDirectory;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string adminConnectionString, string? root, string? binDirectory, bool asPostgresUser)
    {
        AdminConnectionString = adminConnectionString;
        _root = root;
        _binDirectory = binDirectory;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>Superuser connection to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Where the cluster lives, or the external server's description.</summary>
    public string Description => _root is null ? "external server (CRM_BENCH_POSTGRES)" : $"throwaway cluster in {_root}";

    /// <summary>The data directory's file system (where every commit's WAL is flushed), for the report.</summary>
    public string? DataDirectory => _root is null ? null : Path.Combine(_root, "data");

    /// <summary>Starts a cluster (or connects to <c>CRM_BENCH_POSTGRES</c>).</summary>
    public static async Task<PostgresCluster> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("CRM_BENCH_POSTGRES") is { Length: > 0 } external)
        {
            return new PostgresCluster(external, null, null, false);
        }

        var bin = FindBinDirectory()
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) were not found: apt-get install postgresql, or set CRM_BENCH_POSTGRES.");
        var asPostgresUser = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("crm-bench-pg-").FullName;
        if (asPostgresUser)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres system user.
            await RunAsync("chown", ["postgres:postgres", root]);
            await RunAsync("chmod", ["755", root]);
        }

        var port = FreePort();
        var cluster = new PostgresCluster(
            $"Host=127.0.0.1;Port={port};Username=crm;Database=postgres;Pooling=true;Timeout=15;Command Timeout=120",
            root,
            bin,
            asPostgresUser);
        var data = Path.Combine(root, "data");
        await cluster.RunToolAsync("initdb", ["-D", data, "-U", "crm", "-A", "trust", "-E", "UTF8", "--locale=C"]);
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c max_connections=400 -c shared_buffers=256MB "
            + "-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_preload_libraries=pg_stat_statements "
            + "-c pg_stat_statements.track_utility=on";
        await cluster.RunToolAsync("pg_ctl", ["-D", data, "start", "-w", "-t", "60", "-o", options, "-l", Path.Combine(root, "server.log")]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopNow();
        return cluster;
    }

    /// <summary>Creates an empty database (with pg_stat_statements) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, int maxPoolSize = 100)
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = maxPoolSize }.ConnectionString;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
            await extension.ExecuteNonQueryAsync();
        }

        return connectionString;
    }

    /// <summary>The server's version string.</summary>
    public async Task<string> VersionAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        StopNow();
        return ValueTask.CompletedTask;
    }

    private void StopNow()
    {
        if (_root is null || !Directory.Exists(_root))
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            var pgCtl = Path.Combine(_binDirectory!, "pg_ctl");
            string[] arguments = ["-D", Path.Combine(_root, "data"), "stop", "-m", "immediate", "-w"];
            var info = _asPostgresUser ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", pgCtl, .. arguments]) : new ProcessStartInfo(pgCtl, arguments);
            info.RedirectStandardOutput = info.RedirectStandardError = true;
            using var process = Process.Start(info);
            process?.WaitForExit(10_000);
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // Best effort at exit; the directory is under the temp folder.
        }
    }

    private async Task RunToolAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(_binDirectory!, tool);
        if (_asPostgresUser)
        {
            await RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            await RunAsync(path, arguments);
        }
    }

    private static string? FindBinDirectory()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return debian ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp",
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
