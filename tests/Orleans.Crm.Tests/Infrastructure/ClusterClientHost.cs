using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Crm.Silo.Hosting;

namespace Orleans.Crm.Tests.Infrastructure;

/// <summary>An Orleans client of a cluster of silo processes, configured exactly as a split-mode gateway configures it.</summary>
public sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClientHost(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClientHost> StartAsync(ClusterEnvironment cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(cluster.ClientGateway().Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCrmClient();
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClientHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
