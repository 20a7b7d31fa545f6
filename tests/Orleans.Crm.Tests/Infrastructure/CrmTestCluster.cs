using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Configuration;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Silo.Hosting;
using Orleans.Crm.Silo.Persistence;
using Orleans.Crm.Silo.Persistence.DataProtection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Orleans.Crm.Tests.Infrastructure;

/// <summary>
/// A real Orleans cluster in the test process (<see cref="InProcessTestCluster"/>, two silos by default) with the CRM's
/// grains configured exactly as a silo process configures them (<see cref="CrmSiloBuilderExtensions.AddCrmGrainServices"/>):
/// in-memory storage, or the ADO.NET providers on a fresh PostgreSQL database with the project's scripts. Fresh
/// ClusterId/ServiceId and free ports per cluster; membership timings short enough that a killed silo is declared dead
/// within seconds. A <see cref="FakeTimeProvider"/>, when given, is the rules' clock on every silo.
/// </summary>
public sealed class CrmTestCluster : IAsyncDisposable
{
    /// <summary>The identity key of test clusters (test silos run outside Development, where a key is required).</summary>
    public const string TestIdentityKey = "test-cluster-identity-key-0123456789abcdef";

    /// <summary>The data key id of test clusters on PostgreSQL (test silos run outside Development, where keys are required).</summary>
    public const string TestDataKeyId = "test1";

    /// <summary>The data key of test clusters (base64 of 32 bytes).</summary>
    public const string TestDataKey = "dGVzdC1jbHVzdGVyLWRhdGEta2V5LTAxMjM0NTY3ODk=";

    /// <summary>The data cipher of test clusters (to build a journal or read raw rows as the silos do).</summary>
    public static DataCipher TestCipher { get; } = new(new Dictionary<string, byte[]> { [TestDataKeyId] = Convert.FromBase64String(TestDataKey) }, TestDataKeyId);

    /// <summary>Customer ids as the test clusters derive them.</summary>
    public static Orleans.Crm.Grains.CustomerIdentity Identity { get; } = new(TestIdentityKey);

    private readonly InProcessTestCluster _cluster;

    // Journals handed to silos as instances: the silos' containers do not own (so never dispose) them.
    private readonly IReadOnlyList<IJournal> _siloJournals;

    private CrmTestCluster(InProcessTestCluster cluster, StorageKind kind, string? connectionString, IJournal journal, IReadOnlyList<IJournal> siloJournals)
    {
        _cluster = cluster;
        _siloJournals = siloJournals;
        Kind = kind;
        ConnectionString = connectionString;
        Journal = journal;
    }

    /// <summary>The cluster's journal, read directly (the one the silos append to).</summary>
    public IJournal Journal { get; }

    public StorageKind Kind { get; }

    /// <summary>The fresh database (PostgreSQL only).</summary>
    public string? ConnectionString { get; }

    /// <summary>The cluster's client: calls from outside, as a gateway makes them.</summary>
    public IClusterClient Client => _cluster.Client;

    /// <summary>The running silos.</summary>
    public IReadOnlyList<InProcessSiloHandle> Silos => [.. _cluster.Silos];

    public static async Task<CrmTestCluster> StartAsync(
        StorageKind kind,
        int silos = 2,
        FakeTimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeSpan? responseTimeout = null,
        Func<string, IJournal, IJournal>? wrapJournal = null,
        string? database = null,
        string? serviceId = null)
    {
        // A test that restarts "the same deployment" passes the database (schema applied) and the service id it used.
        string? connectionString = database;
        if (kind == StorageKind.Postgres && connectionString is null)
        {
            connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("grains");
            await CrmDatabaseSchema.ApplyAsync(connectionString, CancellationToken.None);
        }

        var values = new Dictionary<string, string?>
        {
            [$"{StorageOptions.Section}:Provider"] = kind == StorageKind.Postgres ? StorageOptions.Postgres : StorageOptions.Memory,
            ["ConnectionStrings:Crm"] = connectionString,
            ["Security:IdentityKey"] = TestIdentityKey,
        };

        // The test data key, unless the test brings its own keys (a rotation test must not have it among them).
        if (settings?.Keys.Any(k => k.StartsWith(DataKeySettings.Section, StringComparison.OrdinalIgnoreCase)) != true)
        {
            values[$"{DataKeySettings.Section}:Current"] = TestDataKeyId;
            values[$"{DataKeySettings.Section}:Keys:{TestDataKeyId}"] = TestDataKey;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        // In memory every silo of the test process shares one journal, as they share one grain storage (a silo process
        // of the one-process run has its own); on PostgreSQL each silo has its own client of the one database.
        IJournal journal = kind == StorageKind.Postgres ? new PostgresJournal(connectionString!, CipherOf(configuration)) : new InMemoryJournal();
        var siloJournals = new List<IJournal>();
        var builder = new InProcessTestClusterBuilder((short)silos);
        if (serviceId is not null)
        {
            builder.Options.ServiceId = serviceId;
        }

        builder.ConfigureSilo((options, silo) =>
        {
            // A test may wrap each silo's journal (given the silo's name) to hold or observe its appends.
            if (kind == StorageKind.Memory || wrapJournal is not null)
            {
                var own = kind == StorageKind.Memory ? journal : new PostgresJournal(connectionString!, CipherOf(configuration));
                if (own != journal)
                {
                    siloJournals.Add(own);
                }

                silo.Services.AddSingleton(wrapJournal?.Invoke(options.SiloName, own) ?? own);
            }
            if (clock is not null)
            {
                silo.Services.AddSingleton(new RulesClock(clock));
            }

            silo.Configure<ClusterMembershipOptions>(FastMembership);
            TestHostFootprint.ApplySilo(silo.Services);
            if (responseTimeout is { } timeout)
            {
                silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = timeout);
            }

            silo.AddCrmGrainServices(configuration);
        });
        if (responseTimeout is { } clientTimeout)
        {
            builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = clientTimeout));
        }

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new CrmTestCluster(cluster, kind, connectionString, journal, siloJournals);
    }

    /// <summary>The cipher the silos build from <paramref name="configuration"/> (a test may pass other data keys in its settings).</summary>
    private static DataCipher CipherOf(IConfiguration configuration)
    {
        var settings = new DataKeySettings();
        configuration.GetSection(DataKeySettings.Section).Bind(settings);
        return settings.ToCipher();
    }

    /// <summary>The grain factory inside a silo (calls made from that silo, as a co-hosted gateway makes them).</summary>
    public IGrainFactory GrainFactoryOf(InProcessSiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.ServiceProvider.GetRequiredService<IGrainFactory>();
    }

    /// <summary>Deactivates every idle activation on every silo, so the next call of each grain reads its state from storage.</summary>
    public Task CollectAllActivationsAsync() => Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    /// <summary>Kills a silo abruptly: no graceful shutdown, its activations are lost and others take over.</summary>
    public Task KillSiloAsync(InProcessSiloHandle silo) => _cluster.KillSiloAsync(silo);

    /// <summary>Stops a silo gracefully.</summary>
    public Task StopSiloAsync(InProcessSiloHandle silo) => _cluster.StopSiloAsync(silo);

    /// <summary>Starts one more silo.</summary>
    public Task<InProcessSiloHandle> StartAdditionalSiloAsync() => _cluster.StartAdditionalSiloAsync();

    /// <summary>Membership timings for tests: a killed silo is declared dead in a few seconds.</summary>
    public static void FastMembership(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        foreach (var journal in _siloJournals.Append(Journal))
        {
            if (journal is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        if (ConnectionString is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        }
    }
}
