using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Dashboard;

/// <summary>Where the dashboard runs: its data comes from the silos; any gateway serves its pages and reads any gateway's cookie.</summary>
public sealed class DashboardHostingTests
{
    [Fact]
    public async Task ASplitModeGatewayShowsTheDashboardOfItsSiloProcesses()
    {
        var cluster = new ClusterEnvironment(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("dash"));
        var silos = new[] { cluster.Silo(), cluster.Silo() };
        await using var silo0 = await AppProcess.StartSiloAsync("silo-0", silos[0]);
        await using var silo1 = await AppProcess.StartSiloAsync("silo-1", silos[1]);
        var settings = cluster.ClientGateway().ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);
        await using var gateway = new GatewayFactory(cluster.ConnectionString, settings);
        using var browser = new DashboardBrowser(gateway);
        await browser.SignInAsync(await ApiHarness.IssueTokenAsync(gateway.CreateClient(), "hq"));

        var counters = await browser.CountersAsync(silos: 2);

        Assert.Null(gateway.Services.GetService<Orleans.Runtime.ILocalSiloDetails>());
        var ports = counters["hosts"]!.AsArray().Select(h => h!.Str("siloAddress").Split(':', '@')[1]).Order();
        Assert.Equal(silos.Select(s => s["Orleans__SiloPort"]).Order(), ports);
    }

    [Fact]
    public async Task ACookieFromOneGatewayOpensTheDashboardOnAnotherWithTheSameKey()
    {
        await using var first = new GatewayFactory();
        await using var second = new GatewayFactory();
        using var signedIn = new DashboardBrowser(first);
        await signedIn.SignInAsync(await ApiHarness.IssueTokenAsync(first.CreateClient(), "hq"));
        using var elsewhere = new DashboardBrowser(second);
        elsewhere.Cookies.Add(signedIn.Cookies.GetAllCookies());

        using var response = await elsewhere.GetAsync("/dashboard/version");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WithoutDevTokensOnlyAPastedHqTokenSignsIn()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Auth:DevTokens"] = "false",
            ["Auth:SigningKey"] = "a-production-like-signing-key-of-at-least-32-bytes",
        });
        using var browser = new DashboardBrowser(gateway);

        using var page = await browser.GetAsync("/dashboard/sign-in");
        using var dev = await browser.PostFormAsync("/dashboard/sign-in", ("devToken", "hq"));
        var (token, _) = gateway.Services.GetRequiredService<DevTokenIssuer>().Issue(new StaffUser("hq-ops", CrmRoles.Hq, null));
        await browser.SignInAsync(token);
        using var version = await browser.GetAsync("/dashboard/version");

        Assert.Matches("name=\"devToken\" value=\"hq\" formnovalidate hidden>", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, dev.StatusCode);
        Assert.Contains("Dev tokens are off on this gateway", await dev.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
    }
}
