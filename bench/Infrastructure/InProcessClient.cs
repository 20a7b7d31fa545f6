using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Crm.Silo.Hosting;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// An Orleans client inside the bench process, configured exactly as a split-mode gateway configures its client
/// (<see cref="CrmHostingExtensions.AddCrmClient"/>: it finds the cluster's gateways through the ADO.NET membership
/// table). The engine scenarios call grains through it, so their figures include the client → silo hop a split-mode
/// gateway pays, and nothing of HTTP.
/// </summary>
public sealed class InProcessClient : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessClient(IHost host) => _host = host;

    /// <summary>The cluster client.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects to <paramref name="cluster"/> (some silo of it must be running).</summary>
    public static async Task<InProcessClient> StartAsync(ClusterEnvironment cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(InProcessSilo.Configuration(cluster.ClientGateway()));
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddCrmClient();
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessClient(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
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
