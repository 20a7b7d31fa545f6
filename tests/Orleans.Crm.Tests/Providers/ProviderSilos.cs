using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Crm.Silo.Persistence;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orleans.Crm.Tests.Providers;

/// <summary>
/// Real silos (plain hosts, TCP on loopback) of one cluster on one fresh database with the project's scripts: ADO.NET
/// clustering, the key-preserving grain storage and ADO.NET reminders, with membership timings short enough for tests.
/// </summary>
public sealed class ProviderSilos : IAsyncDisposable
{
    /// <summary>The grain storage the test grains use (DeleteStateOnClear = false).</summary>
    public const string Storage = "crm";

    /// <summary>The same storage with DeleteStateOnClear = true.</summary>
    public const string DeletingStorage = "crm-delete";

    /// <summary>Orleans's ADO.NET storage without the decorator, to show what the decorator prevents.</summary>
    public const string UndecoratedStorage = "adonet-plain";

    /// <summary>How many silos one instance can start over its lifetime (each gets ports of its own).</summary>
    public const int MaxSilos = 10;

    private readonly TestClusterPortAllocator _ports = new();
    private readonly int _baseSiloPort;
    private readonly int _baseGatewayPort;
    private readonly List<IHost> _silos = [];
    private readonly List<IHost> _clients = [];
    private int _nextSilo;

    private ProviderSilos(string connectionString, string serviceId)
    {
        ConnectionString = connectionString;
        ServiceId = serviceId;
        (_baseSiloPort, _baseGatewayPort) = _ports.AllocateConsecutivePortPairs(MaxSilos);
    }

    public string ConnectionString { get; }

    public string ClusterId { get; } = $"cluster-{Guid.NewGuid():N}";

    public string ServiceId { get; }

    /// <summary>The silos started and not stopped, oldest first.</summary>
    public IReadOnlyList<IHost> Running => _silos;

    /// <summary>A fresh database on the shared test server, with the project's schema applied.</summary>
    public static async Task<ProviderSilos> CreateAsync(string databasePrefix)
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(databasePrefix);
        await CrmDatabaseSchema.ApplyAsync(connectionString, CancellationToken.None);
        return new ProviderSilos(connectionString, $"service-{Guid.NewGuid():N}");
    }

    /// <summary>Another cluster (its own ClusterId and silos) of the same service on the same database.</summary>
    public ProviderSilos AnotherClusterOfTheSameService() => new(ConnectionString, ServiceId);

    /// <summary>Membership timings for tests: a dead silo is noticed in seconds, not minutes.</summary>
    public static void FastMembership(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
        options.MaxJoinAttemptTime = TimeSpan.FromSeconds(30);

        // Tests call the cleanup themselves; the agent must not delete rows behind their back.
        options.DefunctSiloCleanupPeriod = null;
        options.MaxDefunctSiloEntries = null;
    }

    /// <summary>Starts one more silo; <paramref name="connectionString"/> overrides the database login it uses.</summary>
    public async Task<IHost> StartSiloAsync(string? connectionString = null, Action<ISiloBuilder>? configure = null)
    {
        var instance = _nextSilo++;
        if (instance >= MaxSilos)
        {
            throw new InvalidOperationException($"Only {MaxSilos} silos per {nameof(ProviderSilos)}.");
        }

        var database = connectionString ?? ConnectionString;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = $"silo-{instance}");
            silo.ConfigureEndpoints(IPAddress.Loopback, _baseSiloPort + instance, _baseGatewayPort + instance);
            silo.Configure<ClusterMembershipOptions>(FastMembership);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = database;
            });
            silo.AddCrmAdoNetGrainStorage(Storage, o => o.ConnectionString = database);
            silo.AddCrmAdoNetGrainStorage(DeletingStorage, o =>
            {
                o.ConnectionString = database;
                o.DeleteStateOnClear = true;
            });
            silo.AddAdoNetGrainStorage(UndecoratedStorage, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = database;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = database;
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            configure?.Invoke(silo);
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await DisposeHostAsync(host);
            throw;
        }

        _silos.Add(host);
        return host;
    }

    /// <summary>A grain factory inside a running silo.</summary>
    public IGrainFactory Grains(int silo = 0) => _silos[silo].Services.GetRequiredService<IGrainFactory>();

    /// <summary>A silo's keyed grain storage, as grains get it.</summary>
    public IGrainStorage GrainStorage(string name, int silo = 0) =>
        _silos[silo].Services.GetRequiredKeyedService<IGrainStorage>(name);

    /// <summary>The address a silo registered in the membership table.</summary>
    public static SiloAddress Address(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The gateway endpoint a silo advertises to clients.</summary>
    public static SiloAddress? Gateway(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().GatewayAddress;

    /// <summary>Stops a silo gracefully (it marks itself Dead in the table).</summary>
    public async Task StopSiloAsync(IHost silo)
    {
        _silos.Remove(silo);
        try
        {
            await silo.StopAsync();
        }
        finally
        {
            await DisposeHostAsync(silo);
        }
    }

    /// <summary>Stops every silo gracefully, in parallel, as a whole-cluster shutdown.</summary>
    public async Task StopAllSilosAsync()
    {
        var silos = _silos.ToList();
        await Task.WhenAll(silos.Select(StopSiloAsync));
    }

    /// <summary>
    /// Stops a silo the way a crash would look to the others: it loses its database login first (so it cannot write
    /// Stopping or Dead for itself), then its host stops without grace. Only the other silos can declare it dead.
    /// The silo must have been started with <paramref name="ownLogin"/>'s connection string.
    /// </summary>
    public async Task<Task> CrashSiloAsync(IHost silo, DatabaseLogin ownLogin)
    {
        ArgumentNullException.ThrowIfNull(ownLogin);
        _silos.Remove(silo);
        await ownLogin.RevokeAsync();
        return Task.Run(async () =>
        {
            try
            {
                await silo.StopAsync(new CancellationToken(canceled: true));
            }
            catch (Exception)
            {
                // Whatever the silo fails to do on its way out (it has no database any more) is the point.
            }
            finally
            {
                await DisposeHostAsync(silo);
            }
        });
    }

    /// <summary>An Orleans client that finds gateways through the membership table (GatewaysQueryKey).</summary>
    public async Task<IHost> StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = ConnectionString;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await DisposeHostAsync(host);
            throw;
        }

        _clients.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                await client.StopAsync(new CancellationToken(canceled: true));
            }
            catch (Exception)
            {
                // As for the silos below.
            }

            await DisposeHostAsync(client);
        }

        await Task.WhenAll(_silos.ToList().Select(async silo =>
        {
            try
            {
                await silo.StopAsync(new CancellationToken(canceled: true));
            }
            catch (Exception)
            {
                // Cleanup after the test has decided: a silo's complaint on the way out changes nothing.
            }

            await DisposeHostAsync(silo);
        }));
        _silos.Clear();
        _ports.Dispose();
    }

    private static async Task DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
