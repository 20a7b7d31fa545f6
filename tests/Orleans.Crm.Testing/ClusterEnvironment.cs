using System.Globalization;

namespace Orleans.Crm.Testing;

/// <summary>
/// The environment of processes that form one Orleans cluster on one PostgreSQL database: the same
/// <c>Orleans:ClusterId</c>/<c>ServiceId</c>, loopback addresses, fresh Orleans ports per process, and membership
/// timings short enough that a killed silo is declared dead within seconds.
/// </summary>
public sealed class ClusterEnvironment(string connectionString, IReadOnlyDictionary<string, string>? extra = null)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>The cluster's id (also its service id): fresh per environment.</summary>
    public string ClusterId { get; } = $"c{Guid.NewGuid():N}"[..16];

    /// <summary>The settings every process of the cluster shares (environment-variable form).</summary>
    public Dictionary<string, string> Shared()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "postgres",
            ["ConnectionStrings__Crm"] = ConnectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ClusterId,
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
            ["Orleans__Membership__NumMissedProbesLimit"] = "2",
            ["Orleans__Membership__TableRefreshTimeout"] = "00:00:01",
            ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
            ["HostOptions__ShutdownTimeout"] = "00:00:20",

            // The load tests and benchmarks read back every lead they made as one user: not what the per-user limit
            // on customer look-ups is about (RateLimitTests exceed it with their own settings).
            ["Security__RateLimits__Lookups__PermitLimit"] = "1000000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>A silo process (or a co-hosted gateway) with Orleans ports of its own.</summary>
    public Dictionary<string, string> Silo()
    {
        var environment = Shared();
        environment["Orleans__SiloPort"] = AppProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = AppProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        return environment;
    }

    /// <summary>A gateway that is an Orleans client of the cluster's silos (split mode).</summary>
    public Dictionary<string, string> ClientGateway()
    {
        var environment = Shared();
        environment["Orleans__CoHostSilo"] = "false";
        return environment;
    }
}
