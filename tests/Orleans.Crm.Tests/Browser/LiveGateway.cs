using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Browser;

/// <summary>A gateway (co-hosted silo) listening on a free loopback port, as a browser reaches it, with an HTTP client on it.</summary>
public sealed class LiveGateway : IAsyncDisposable
{
    private readonly GatewayFactory _factory;

    private LiveGateway(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _factory = new GatewayFactory(settings: settings);
        _factory.UseKestrel(0);
        _factory.StartServer();
        Address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)))
            .First();
        Http = new HttpClient { BaseAddress = Address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public static LiveGateway Start() => new();

    /// <summary>A gateway with extra settings (e.g. dev tokens off, built-in accounts with a bootstrap admin).</summary>
    public static LiveGateway Start(IReadOnlyDictionary<string, string?> settings) => new(settings);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }
}
