using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Hosting;
using Orleans.Crm.Silo.Runtime;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// A silo hosted inside the bench (generic host + <c>AddCrmSilo</c>, PostgreSQL storage): grains are called through
/// <see cref="IGrainFactory"/> without HTTP, and the runtime's own counters (<see cref="RuntimeStatistics"/>) can be
/// read — how scenario 5 counts version conflicts. Two instances on one database behave like two silos.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host)
    {
        _host = host;
        Runtime = host.Services.GetRequiredService<GrainRuntime>();
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    /// <summary>The runtime (statistics, activation count).</summary>
    public GrainRuntime Runtime { get; }

    /// <summary>Grain proxies.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>Starts a silo on <paramref name="connectionString"/>.</summary>
    public static async Task<InProcessSilo> StartAsync(string connectionString, string name)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Crm"] = connectionString,
            ["Runtime:SiloName"] = name,
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCrmSilo(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}
