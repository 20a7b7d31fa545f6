using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Crm.Tests.Deployment;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Observability;

/// <summary>
/// <c>Management:Urls</c>: the process listens there as well, and <c>/metrics</c> answers there only — never on the app's
/// port, whatever Host header a request carries — while the app's port keeps serving the app.
/// </summary>
public sealed class ManagementEndpointTests
{
    [Fact]
    public async Task WithAManagementUrlMetricsAnswerOnlyOnItsPortAndTheAppPortAnswers404()
    {
        var managementPort = AppProcess.FreePort();
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?> { ["Management:Urls"] = $"http://127.0.0.1:{managementPort}" });
        gateway.UseKestrel(0);
        gateway.StartServer();
        var addresses = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        var management = Assert.Single(addresses, a => a.Port == managementPort);
        var app = Assert.Single(addresses, a => a.Port != managementPort);
        using var http = new HttpClient();

        using var scraper = new HttpClient { BaseAddress = management };
        var metrics = await Scrapes.ScrapeAsync(scraper);
        Assert.Contains(metrics.Series("target_info"), s => s.Labels.GetValueOrDefault("service_name") == "Orleans.Crm.Gateway");

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(app, "/metrics"))).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri(app, "/metrics"));
        forged.Headers.Host = $"127.0.0.1:{managementPort}";
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(forged)).StatusCode);

        // The app itself still answers on its own port.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(app, "/health/live"))).StatusCode);
    }

    [Theory]
    [InlineData("http://+")]
    [InlineData("http://+:0")]
    [InlineData("https://+:9090")]
    [InlineData("http://+:9090/metrics")]
    [InlineData("not a url")]
    public void AManagementUrlWithoutAnExplicitHttpPortStopsTheProcessAtStart(string urls)
    {
        foreach (var services in new[] { AppServices.Silo(Settings(urls)), AppServices.Gateway(Settings(urls)) })
        {
            using (services)
            {
                var failure = Assert.Throws<OptionsValidationException>(services.ValidateAsAtStart);
                Assert.Contains("Management:Urls", failure.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("http://+:9090")]
    [InlineData("http://0.0.0.0:9090; http://[::1]:9091")]
    [InlineData("http://localhost:9090")]
    public void ManagementUrlsWithExplicitHttpPortsAreAccepted(string urls)
    {
        foreach (var services in new[] { AppServices.Silo(Settings(urls)), AppServices.Gateway(Settings(urls)) })
        {
            using (services)
            {
                services.ValidateAsAtStart();
            }
        }
    }

    // As in production (the gateway requires a signing key there, a silo its identity key).
    private static Dictionary<string, string?> Settings(string urls) => new()
    {
        ["Management__Urls"] = urls,
        ["Auth__SigningKey"] = "a-signing-key-of-at-least-32-bytes-0123456789",
        ["Security__IdentityKey"] = "an-identity-key-of-at-least-32-bytes-0123456789",
    };
}
