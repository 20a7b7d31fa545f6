using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Crm.Silo.Hosting;
using Orleans.Hosting;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// A silo inside the bench process, configured exactly as a silo process configures itself
/// (<see cref="CrmHostingExtensions.AddCrmSilo"/>: the project's schema applied before Orleans starts, ADO.NET
/// clustering on the bench database, and <see cref="CrmSiloBuilderExtensions.AddCrmGrainServices"/> — the ADO.NET grain
/// storage named <c>crm</c>, reminders, the state serializer). Its application parts include the bench assembly (the
/// entry assembly, built with the Orleans SDK), so it also hosts the bench's floor grain. A
/// <see cref="GrainCallCounter"/> counts what its grains received.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(string name, IHost host, GrainCallCounter counter)
    {
        Name = name;
        _host = host;
        Counter = counter;
    }

    /// <summary>A name for messages.</summary>
    public string Name { get; }

    /// <summary>Calls from inside this silo (as a co-hosted gateway makes them).</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>What this silo's grains received.</summary>
    public GrainCallCounter Counter { get; }

    /// <summary>Starts a silo of <paramref name="cluster"/> and waits until it has joined.</summary>
    public static async Task<InProcessSilo> StartAsync(ClusterEnvironment cluster, string name)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Configuration(ProductionSecrets.Environment.Concat(cluster.Silo()).ToDictionary()));
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var counter = new GrainCallCounter();
        builder.Services.AddSingleton<IIncomingGrainCallFilter>(counter);
        builder.AddCrmSilo();
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(name, host, counter);
    }

    /// <summary>The environment-variable form of <see cref="ClusterEnvironment"/> as configuration keys.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Configuration(IReadOnlyDictionary<string, string> environment) =>
        environment.Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Graceful: the silo leaves the membership table, so the next cluster on the database does not probe a ghost.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
