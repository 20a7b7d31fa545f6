namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// The system under test as processes on this machine, each topology one Orleans cluster on its own database: one
/// co-hosted gateway (gateway + silo in one process), or split mode (silo processes + a gateway that is an Orleans
/// client of them, finding their gateways through the membership table).
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

    /// <summary>co-hosted or split, 2 silos.</summary>
    public string Name { get; }

    /// <summary>The database every process uses.</summary>
    public string ConnectionString { get; }

    /// <summary>The gateway the load generator talks to.</summary>
    public AppProcess Gateway { get; }

    /// <summary>Silo processes (split mode only).</summary>
    public IReadOnlyList<AppProcess> Silos => [.. _processes.Where(p => p != Gateway)];

    /// <summary>A client of the gateway.</summary>
    public CrmApi Api { get; }

    /// <summary>
    /// The environment of one benchmark cluster: <see cref="ClusterEnvironment"/> (fresh ClusterId/ServiceId, loopback,
    /// free Orleans ports per process) but with Orleans's default membership timings instead of the tests' short ones:
    /// a 2-core box under full load may well miss 1-second probes, and a silo wrongly declared dead mid-run would be a
    /// result about the test settings, not the system. <paramref name="serviceId"/> reuses another cluster's state.
    /// </summary>
    public static ClusterEnvironment Environment(string connectionString, string? serviceId = null)
    {
        var extra = new Dictionary<string, string>
        {
            ["Orleans__Membership__ProbeTimeout"] = "00:00:05",
            ["Orleans__Membership__NumMissedProbesLimit"] = "3",
            ["Orleans__Membership__TableRefreshTimeout"] = "00:01:00",
            ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:30",
        };
        if (serviceId is not null)
        {
            extra["Orleans__ServiceId"] = serviceId;
        }

        return new ClusterEnvironment(connectionString, extra);
    }

    /// <summary>One gateway process with its own silo.</summary>
    public static async Task<Topology> StartCohostedAsync(string connectionString)
    {
        var cluster = Environment(connectionString);
        var gateway = await AppProcess.StartGatewayAsync("gateway (co-hosted)", WithGatewaySettings(cluster.Silo()));
        return new Topology("co-hosted", connectionString, [gateway], gateway);
    }

    /// <summary><paramref name="silos"/> silo processes and one gateway that is an Orleans client of them.</summary>
    public static async Task<Topology> StartSplitAsync(string connectionString, int silos)
    {
        var cluster = Environment(connectionString);
        var processes = new List<AppProcess>();
        try
        {
            foreach (var i in Enumerable.Range(1, silos))
            {
                processes.Add(await AppProcess.StartSiloAsync($"silo {i}", cluster.Silo()));
            }

            var gateway = await AppProcess.StartGatewayAsync("gateway (split)", WithGatewaySettings(cluster.ClientGateway()));
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

        // The gateway first (it is the silos' client), then the silos.
        foreach (var process in _processes.OrderBy(p => p == Gateway ? 0 : 1))
        {
            await process.DisposeAsync();
        }
    }

    private static Dictionary<string, string> WithGatewaySettings(Dictionary<string, string> environment)
    {
        environment["Auth__DevTokens"] = "true";
        environment["Auth__SigningKey"] = SigningKey;
        environment["Demo__Seed"] = "false";
        return environment;
    }
}
