using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Orleans.Crm.Testing;

/// <summary>
/// A throwaway PostgreSQL server: initdb + pg_ctl into a temp directory on a free loopback port (as the postgres
/// user when run as root, since initdb refuses root), stopped when disposed or when the process exits. An environment
/// variable with an admin connection string (<c>CRM_TEST_POSTGRES</c> for tests) uses an existing server instead.
/// If neither works, callers fail: tests are never skipped.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Settings for tests: durability traded for speed (nothing here must survive a power cut).</summary>
    public static readonly IReadOnlyList<string> FastSettings =
        ["max_connections=1000", "fsync=off", "synchronous_commit=off", "full_page_writes=off", "shared_buffers=128MB"];

    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => StartAsync(FastSettings, "CRM_TEST_POSTGRES"));
    private readonly string? _dataDirectory;
    private readonly string? _binDirectory;
    private readonly bool _asPostgresUser;
    private string? _startOptions;

    private PostgresServer(string adminConnectionString, string? dataDirectory, string? binDirectory, bool asPostgresUser, int port)
    {
        AdminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
        _binDirectory = binDirectory;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    /// <summary>Connects to the <c>postgres</c> database as a superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The server's port.</summary>
    public int Port { get; }

    /// <summary>True when this run started (and may restart) the server itself.</summary>
    public bool IsOwned => _dataDirectory is not null;

    /// <summary>The server of this test run, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A server of its own, for a test that restarts it (the shared one must stay up for the others).</summary>
    public static Task<PostgresServer> StartDedicatedAsync() => StartAsync(FastSettings, "CRM_TEST_POSTGRES");

    /// <summary>Where the cluster's data lives (null for an external server).</summary>
    public string? DataDirectory => _dataDirectory;

    /// <summary>A line for reports.</summary>
    public string Description => IsOwned ? $"throwaway cluster in {Path.GetDirectoryName(_dataDirectory)}" : "external server";

    /// <summary>Creates a fresh, empty database (named <paramref name="prefix"/> plus a random suffix) and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "t", int maxPoolSize = 60) =>
        CreateNamedDatabaseAsync($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)], maxPoolSize);

    /// <summary>The server's version.</summary>
    public async Task<string> VersionAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Stops the server now (a dedicated one; the shared one stops at process exit).</summary>
    public ValueTask DisposeAsync()
    {
        if (_dataDirectory is not null)
        {
            StopNow(Path.GetDirectoryName(_dataDirectory)!);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Creates an empty database with exactly this name.</summary>
    public async Task<string> CreateNamedDatabaseAsync(string name, int maxPoolSize = 60)
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) {
            Database = name,
            MaxPoolSize = maxPoolSize,
            // Tests leave many short-lived pools behind (a database per test, a journal pool per silo); idle connections
            // go back to the server within seconds instead of Npgsql's default five minutes.
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        }.ConnectionString;
    }

    /// <summary>
    /// The whole database as <c>pg_dump</c> writes it (plain SQL, schema and data), from the server's own binaries (or
    /// the ones on PATH for an external server): what a backup of it would hold.
    /// </summary>
    public async Task<string> DumpAsync(string connectionString)
    {
        var bin = _binDirectory ?? FindBinDirectory()
            ?? throw new InvalidOperationException("pg_dump was not found beside initdb/pg_ctl (install postgresql, as ./test.sh does).");
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var info = new ProcessStartInfo(Path.Combine(bin, "pg_dump"), ["-h", database.Host!, "-p", database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", database.Username!, "--no-owner", database.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            WorkingDirectory = "/tmp",
        };
        if (database.Password is { Length: > 0 } password)
        {
            info.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start pg_dump.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_dump exited with {process.ExitCode}:\n{await stderr}");
        }

        return await stdout;
    }

    /// <summary>Restarts the server (fast shutdown: open connections are cut, as in a failover).</summary>
    public async Task RestartAsync()
    {
        if (!IsOwned)
        {
            throw new InvalidOperationException("Cannot restart a server this run did not start (CRM_TEST_POSTGRES).");
        }

        NpgsqlConnection.ClearAllPools();
        await PgCtlAsync("restart", "-m", "fast", "-w", "-l", Path.Combine(Path.GetDirectoryName(_dataDirectory)!, "server.log"));
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut); <see cref="StartAgainAsync"/> brings it back.</summary>
    public async Task StopAsync()
    {
        if (!IsOwned)
        {
            throw new InvalidOperationException("Cannot stop a server this run did not start (CRM_TEST_POSTGRES).");
        }

        await PgCtlAsync("stop", "-m", "fast", "-w");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts a stopped server again, with the same port and settings.</summary>
    public Task StartAgainAsync() =>
        PgCtlAsync("start", "-w", "-t", "60", "-o", _startOptions!, "-l", Path.Combine(Path.GetDirectoryName(_dataDirectory)!, "server.log"));

    /// <summary>Starts a server with these <c>-c</c> settings, unless <paramref name="externalVariable"/> names an existing one.</summary>
    public static async Task<PostgresServer> StartAsync(IReadOnlyList<string> settings, string externalVariable)
    {
        if (Environment.GetEnvironmentVariable(externalVariable) is { Length: > 0 } external)
        {
            return new PostgresServer(external, null, null, false, new NpgsqlConnectionStringBuilder(external).Port);
        }

        var bin = FindBinDirectory()
            ?? throw new InvalidOperationException($"PostgreSQL server binaries (initdb, pg_ctl) were not found. Run ./test.sh, which installs them (apt-get install postgresql), or set {externalVariable}.");
        var asPostgresUser = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("crm-pg-").FullName;
        var data = Path.Combine(root, "data");
        if (asPostgresUser)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres system user.
            await RunAsync("chown", ["postgres:postgres", root], null);
            await RunAsync("chmod", ["755", root], null);
        }

        var port = FreePort();
        var server = new PostgresServer(
            $"Host=127.0.0.1;Port={port};Username=crm;Database=postgres;Pooling=true;Timeout=15;Command Timeout=60",
            data,
            bin,
            asPostgresUser,
            port);
        await server.RunToolAsync("initdb", ["-D", data, "-U", "crm", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {root} " + string.Join(' ', settings.Select(setting => $"-c {setting}"));
        server._startOptions = options;
        await server.PgCtlAsync("start", "-w", "-t", "60", "-o", options, "-l", Path.Combine(root, "server.log"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopNow(root);
        return server;
    }

    private Task PgCtlAsync(params string[] arguments) => RunToolAsync("pg_ctl", ["-D", _dataDirectory!, .. arguments]);

    private async Task RunToolAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(_binDirectory!, tool);
        if (_asPostgresUser)
        {
            await RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], null);
        }
        else
        {
            await RunAsync(path, arguments, null);
        }
    }

    private void StopNow(string root)
    {
        try
        {
            var path = Path.Combine(_binDirectory!, "pg_ctl");
            var info = _asPostgresUser
                ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", path, "-D", _dataDirectory!, "stop", "-m", "immediate", "-w"])
                : new ProcessStartInfo(path, ["-D", _dataDirectory!, "stop", "-m", "immediate", "-w"]);
            info.RedirectStandardOutput = info.RedirectStandardError = true;
            using var process = Process.Start(info);
            process?.WaitForExit(10_000);
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // Best effort at process exit; the directory is under the temp folder.
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

    private static async Task RunAsync(string file, string[] arguments, string? workingDirectory)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "/tmp",
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
