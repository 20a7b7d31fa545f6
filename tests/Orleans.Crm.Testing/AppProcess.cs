using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Orleans.Crm.Testing;

/// <summary>
/// A silo or gateway as a real process on a loopback port (the built dll from the test output), for tests that
/// kill, drain and restart processes.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;
    private readonly List<string> _log = [];

    private AppProcess(string name, string dll, int port, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        _dll = dll;
        Port = port;
        _environment = environment;
    }

    /// <summary>The process id while it runs.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} is not running.");

    /// <summary>A name for messages.</summary>
    public string Name { get; }

    /// <summary>The loopback port it listens on (kept across restarts).</summary>
    public int Port { get; }

    /// <summary>Its base URL.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>The last lines it printed.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log.TakeLast(40));
            }
        }
    }

    /// <summary>Starts the silo process.</summary>
    public static Task<AppProcess> StartSiloAsync(string name, IReadOnlyDictionary<string, string> environment) =>
        StartAsync(name, "Orleans.Crm.Silo.dll", environment);

    /// <summary>Starts the gateway process.</summary>
    public static Task<AppProcess> StartGatewayAsync(string name, IReadOnlyDictionary<string, string> environment) =>
        StartAsync(name, "Orleans.Crm.Gateway.dll", environment);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>
    /// A free loopback port, never one this test run handed out before: the kernel may give a just-released port again,
    /// and two picks for one silo (its silo and gateway ports) came back equal once.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }
    }

    /// <summary>Starts <paramref name="dll"/> (next to the caller's own binaries) and waits until it is ready.</summary>
    public static async Task<AppProcess> StartAsync(string name, string dll, IReadOnlyDictionary<string, string> environment)
    {
        var path = Path.Combine(AppContext.BaseDirectory, dll);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{dll} is not next to {AppContext.BaseDirectory}: reference its project so the build copies it.", path);
        }

        var app = new AppProcess(name, path, FreePort(), environment);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // Nobody else holds it yet: a process that never became ready would outlive the test run.
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Starts (or restarts) the process and waits until it is ready.</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet", [_dll, "--urls", $"http://127.0.0.1:{Port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in ProductionSecrets.Environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Generous: on a loaded 2-core machine a process that joins a cluster on PostgreSQL can take most of a minute.
        await WaitReadyAsync(TimeSpan.FromSeconds(150));
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy to answer.
                last = e.GetType().Name;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout} (last answer: {last}):\n{RecentOutput}");
    }

    /// <summary>SIGKILL: no drain, nothing released.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: the graceful drain; waits for the process to exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        _ = Kill(process.Id, 15);
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
            if (_log.Count > 400)
            {
                _log.RemoveRange(0, 200);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
