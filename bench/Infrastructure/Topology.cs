namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// The system under test as processes on this machine: one co-hosted gateway (gateway + silo in one process), or
/// split mode (silos + a gateway that calls them over HTTP). Every process shares one PostgreSQL database.
/// </summary>
public sealed class Topology : IAsyncDisposable
{
    /// <summary>The signing key every gateway shares (dev tokens minted by one are accepted by all).</summary>
    public const string SigningKey = "orleans-crm-bench-signing-key-0123456789abcdef";

    private readonly List<AppProcess> _processes;

    private Topology(string name, string connectionString, List<AppProcess> processes, AppProcess gateway)
    {
        Name = name;
        ConnectionString = connectionString;
        _processes = processes;
        Gateway = gateway;
        Api = new CrmApi(gateway.Url);
    }

    /// <summary>co-hosted or split-2-silos.</summary>
    public string Name { get; }

    /// <summary>The database every process uses.</summary>
    public string ConnectionString { get; }

    /// <summary>The gateway the load generator talks to.</summary>
    public AppProcess Gateway { get; }

    /// <summary>Silo processes (split mode only).</summary>
    public IReadOnlyList<AppProcess> Silos => [.. _processes.Where(p => p != Gateway)];

    /// <summary>A client of the gateway.</summary>
    public CrmApi Api { get; }

    /// <summary>One gateway process with its own silo.</summary>
    public static async Task<Topology> StartCohostedAsync(string connectionString)
    {
        var gateway = await AppProcess.StartAsync("gateway (co-hosted)", "Orleans.Crm.Gateway.dll", GatewayEnvironment(connectionString));
        return new Topology("co-hosted", connectionString, [gateway], gateway);
    }

    /// <summary><paramref name="silos"/> silo processes and one gateway calling them over HTTP.</summary>
    public static async Task<Topology> StartSplitAsync(string connectionString, int silos)
    {
        var processes = new List<AppProcess>();
        try
        {
            foreach (var i in Enumerable.Range(1, silos))
            {
                processes.Add(await AppProcess.StartAsync($"silo {i}", "Orleans.Crm.Silo.dll", StorageEnvironment(connectionString)));
            }

            var environment = GatewayEnvironment(connectionString);
            foreach (var (silo, i) in processes.Select((s, i) => (s, i)))
            {
                environment[$"Silo__Endpoints__{i}"] = silo.Url.ToString();
            }

            var gateway = await AppProcess.StartAsync("gateway (split)", "Orleans.Crm.Gateway.dll", environment);
            processes.Add(gateway);
            return new Topology($"split, {silos} silos", connectionString, processes, gateway);
        }
        catch
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    private static Dictionary<string, string> StorageEnvironment(string connectionString) => new()
    {
        ["Storage__Provider"] = "postgres",
        ["ConnectionStrings__Crm"] = connectionString,
    };

    private static Dictionary<string, string> GatewayEnvironment(string connectionString)
    {
        var environment = StorageEnvironment(connectionString);
        environment["Auth__DevTokens"] = "true";
        environment["Auth__SigningKey"] = SigningKey;
        environment["Demo__Seed"] = "false";
        return environment;
    }
}
