namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// The engine scenarios' cluster, all inside the bench process: in-process silos (<see cref="InProcessSilo"/>) and one
/// Orleans client (<see cref="InProcessClient"/>) on one benchmark database. More silos can join later (the hot store on
/// two silos of one cluster).
/// </summary>
public sealed class EngineCluster : IAsyncDisposable
{
    private readonly List<InProcessSilo> _silos = [];
    private InProcessClient? _client;

    private EngineCluster(ClusterEnvironment environment) => Environment = environment;

    /// <summary>The cluster's settings.</summary>
    public ClusterEnvironment Environment { get; }

    /// <summary>The database.</summary>
    public string ConnectionString => Environment.ConnectionString;

    /// <summary>The running silos, in start order.</summary>
    public IReadOnlyList<InProcessSilo> Silos => _silos;

    /// <summary>The Orleans client (calls as a split-mode gateway makes them).</summary>
    public IClusterClient Client => (_client ?? throw new InvalidOperationException("The client is not started.")).Client;

    /// <summary>The sum of every running silo's call counters.</summary>
    public CallCounts Counts => _silos.Aggregate(default(CallCounts), (sum, silo) => sum + silo.Counter.Snapshot());

    /// <summary>Starts one silo and the client on <paramref name="connectionString"/>.</summary>
    public static async Task<EngineCluster> StartAsync(string connectionString, string? serviceId = null)
    {
        var cluster = new EngineCluster(Topology.Environment(connectionString, serviceId));
        try
        {
            await cluster.AddSiloAsync();
            cluster._client = await InProcessClient.StartAsync(cluster.Environment);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo of the cluster.</summary>
    public async Task<InProcessSilo> AddSiloAsync()
    {
        var silo = await InProcessSilo.StartAsync(Environment, $"silo {_silos.Count + 1}");
        _silos.Add(silo);
        return silo;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        // The last one alone has nobody to hand its grains to; stop in reverse so the first silo leaves last.
        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.DisposeAsync();
        }

        _silos.Clear();
    }
}
