using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Browser;

/// <summary>A gateway (co-hosted silo) listening on a free loopback port, as a browser reaches it, with an HTTP client on it.</summary>
public sealed class LiveGateway : IAsyncDisposable
{
    private readonly GatewayFactory _factory = new();

    private LiveGateway()
    {
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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }
}
