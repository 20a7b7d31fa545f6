using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Crm.Silo.Runtime;
using Orleans.Crm.Silo.Storage;
using Orleans.Crm.Silo.Storage.Memory;
using Orleans.Crm.Silo.Storage.Postgres;

namespace Orleans.Crm.Tests.Infrastructure;

/// <summary>
/// An in-process cluster in the spirit of Orleans's TestingHost: N silos (runtime instances with their own
/// activations, caches and connection pools) on one storage — one fresh PostgreSQL database, or one shared
/// in-memory store. Silos can be stopped gracefully, killed abruptly and restarted.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestSilo?> _silos = [];
    private readonly MemoryGrainStorage? _memory;

    private TestCluster(StorageKind kind, string? connectionString, TimeProvider time, RuntimeOptions options, CommitFaultInjector faults, Assembly[] grainAssemblies)
    {
        Kind = kind;
        ConnectionString = connectionString;
        TimeProvider = time;
        Options = options;
        Faults = faults;
        Registry = GrainTypeRegistry.FromAssemblies(grainAssemblies);
        if (kind == StorageKind.Memory)
        {
            _memory = new MemoryGrainStorage(time, faults);
        }
    }

    /// <summary>Which storage the silos share.</summary>
    public StorageKind Kind { get; }

    /// <summary>The fresh database's connection string (PostgreSQL only).</summary>
    public string? ConnectionString { get; }

    /// <summary>The clock every silo uses.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The runtime options every silo starts with.</summary>
    public RuntimeOptions Options { get; }

    /// <summary>The fault hook every silo's storage calls.</summary>
    public CommitFaultInjector Faults { get; }

    /// <summary>The rulebook's numbers every silo uses.</summary>
    public Orleans.Crm.Grains.RulesOptions Rules { get; init; } = new();

    /// <summary>The grain classes the silos host.</summary>
    public GrainTypeRegistry Registry { get; }

    /// <summary>The running silos (a stopped or killed one is skipped).</summary>
    public IReadOnlyList<TestSilo> Silos => [.. _silos.OfType<TestSilo>()];

    /// <summary>The silo at <paramref name="index"/> (as started, whether or not still running).</summary>
    public TestSilo this[int index] => _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");

    /// <summary>Starts a cluster of <paramref name="silos"/> silos.</summary>
    public static async Task<TestCluster> StartAsync(
        StorageKind kind,
        int silos = 1,
        TimeProvider? timeProvider = null,
        Action<RuntimeOptions>? configure = null,
        params Assembly[] grainAssemblies)
    {
        var options = new RuntimeOptions { ReminderPollInterval = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(options);
        var connectionString = kind == StorageKind.Postgres
            ? await (await PostgresServer.GetAsync()).CreateDatabaseAsync()
            : null;
        var cluster = new TestCluster(
            kind,
            connectionString,
            timeProvider ?? TimeProvider.System,
            options,
            new CommitFaultInjector(),
            grainAssemblies.Length > 0 ? grainAssemblies : [typeof(TestCluster).Assembly, typeof(Orleans.Crm.Grains.GrainsAssembly).Assembly]);
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync();
        }

        return cluster;
    }

    /// <summary>Starts one more silo (or restarts the one at <paramref name="index"/>).</summary>
    public async Task<TestSilo> StartSiloAsync(int? index = null)
    {
        var name = $"silo-{index ?? _silos.Count}-{Guid.NewGuid().ToString("N")[..4]}";
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider);
        services.AddSingleton(Rules);
        var provider = services.BuildServiceProvider();
        NpgsqlDataSource? dataSource = null;
        PostgresOutboxListener? listener = null;
        IGrainStorage storage;
        if (_memory is not null)
        {
            storage = _memory;
        }
        else
        {
            dataSource = NpgsqlDataSource.Create(ConnectionString!);
            listener = new PostgresOutboxListener(dataSource, NullLogger<PostgresOutboxListener>.Instance);
            storage = new PostgresGrainStorage(dataSource, listener, Faults);
        }

        var options = new RuntimeOptions
        {
            MaxAttempts = Options.MaxAttempts,
            CallTimeout = Options.CallTimeout,
            IdleDeactivation = Options.IdleDeactivation,
            StateCacheTtl = Options.StateCacheTtl,
            ReminderPollInterval = Options.ReminderPollInterval,
            ReminderLease = Options.ReminderLease,
            CommandRetention = Options.CommandRetention,
            SiloName = name,
        };
        var runtime = new GrainRuntime(provider, storage, Registry, options, TimeProvider, provider.GetRequiredService<ILogger<GrainRuntime>>());
        await runtime.StartAsync(CancellationToken.None);
        if (listener is not null)
        {
            await listener.StartAsync(CancellationToken.None);
        }

        var silo = new TestSilo(name, runtime, provider, dataSource, listener);
        if (index is { } i)
        {
            _silos[i] = silo;
        }
        else
        {
            _silos.Add(silo);
        }

        return silo;
    }

    /// <summary>Stops silo <paramref name="index"/> gracefully (drains, releases reminders).</summary>
    public async Task StopSiloAsync(int index)
    {
        var silo = this[index];
        _silos[index] = null;
        await silo.Runtime.StopAsync(CancellationToken.None);
        await silo.DisposeAsync();
    }

    /// <summary>Kills silo <paramref name="index"/>: in-flight work is abandoned, nothing is released.</summary>
    public async Task KillSiloAsync(int index)
    {
        var silo = this[index];
        _silos[index] = null;
        await silo.Runtime.KillAsync();
        await silo.DisposeAsync();
    }

    /// <summary>Starts a fresh silo in the slot of a stopped or killed one.</summary>
    public Task<TestSilo> RestartSiloAsync(int index) => StartSiloAsync(index);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _silos.Count; i++)
        {
            if (_silos[i] is { } silo)
            {
                _silos[i] = null;
                await silo.Runtime.StopAsync(CancellationToken.None);
                await silo.DisposeAsync();
            }
        }

        if (ConnectionString is not null)
        {
            // Leaving no pooled connections behind keeps the server's connection count low across many tests.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        }
    }
}
