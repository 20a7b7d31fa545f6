using System.Net;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Dashboard;

/// <summary>Who may open the dashboard: every route under /dashboard, pages and data alike, is for head office only.</summary>
public sealed class DashboardAccessTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    // The page, its script, and the data routes the page polls (silo and grain routes take any value after them).
    private static readonly string[] AllRoutes =
    [
        "/dashboard",
        "/dashboard/",
        "/dashboard/index.html",
        "/dashboard/index.min.js",
        "/dashboard/version",
        "/dashboard/DashboardCounters",
        "/dashboard/ClusterStats",
        "/dashboard/Reminders",
        "/dashboard/TopGrainMethods",
        "/dashboard/GrainTypes",
        "/dashboard/LifecycleStages",
        "/dashboard/SiloStats/127.0.0.1:11111@1",
        "/dashboard/GrainStats/Orleans.Crm.Grains.StoreGrain",
        "/dashboard/GrainState?grainId=s1&grainType=Orleans.Crm.Grains.StoreGrain",
        "/dashboard/Trace",
    ];

    public static TheoryData<string> Routes => new(AllRoutes);

    private readonly ApiHarness _api = fixture.Api;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnAnonymousBrowserIsSentToTheSignInPage(string route)
    {
        using var browser = new DashboardBrowser(_api.Factory);

        using var response = await browser.GetAsync(route);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = new Uri(DashboardBrowser.Origin, response.Headers.Location!);
        Assert.Equal("/dashboard/sign-in", location.AbsolutePath);
        Assert.Equal(route, System.Web.HttpUtility.ParseQueryString(location.Query)["ReturnUrl"]);
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("frontdesk")]
    [InlineData("manager")]
    [InlineData("designer")]
    [InlineData("display")]
    public async Task EveryRoleButHqIsForbiddenOnEveryDashboardRoute(string role)
    {
        var token = await _api.TokenAsync(role, "s1", $"{role}-1");
        using var browser = new DashboardBrowser(_api.Factory);

        foreach (var route in AllRoutes)
        {
            using var response = await browser.GetAsync(route, bearer: token);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} on {route}: {(int)response.StatusCode}");
            Assert.Null(response.Headers.Location);
        }
    }

    [Fact]
    public async Task AnHqBearerTokenReadsTheClusterDataWithoutSigningIn()
    {
        var token = await _api.TokenAsync("hq");
        await _api.StoreAsync(1, 1);
        using var browser = new DashboardBrowser(_api.Factory);

        var counters = await browser.CountersAsync(silos: 1, bearer: token);
        var grains = await Eventually.GetAsync(
            async () => (await browser.CountersAsync(silos: 1, bearer: token))["simpleGrainStats"]!.AsArray().Select(g => g!.Str("grainType")).ToList(),
            types => types.Contains("Orleans.Crm.Grains.StoreGrain"),
            "the dashboard lists the store grain's activations");
        using var page = await browser.GetAsync("/dashboard/", bearer: token);

        var host = Assert.Single(counters["hosts"]!.AsArray());
        Assert.Equal("Active", host!.Str("status"));
        Assert.Contains("Orleans.Crm.Grains.StoreGrain", grains);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(browser.LastSetCookie);
    }

    [Fact]
    public async Task ABadBearerTokenIs401NotARedirect()
    {
        using var browser = new DashboardBrowser(_api.Factory);

        using var response = await browser.GetAsync("/dashboard/DashboardCounters", bearer: "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task TheDashboardIsNotPartOfTheApiDocument()
    {
        using var client = _api.Anonymous();

        var document = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync("/openapi/v1.json"));

        Assert.DoesNotContain(document["paths"]!.AsObject(), p => p.Key.StartsWith("/dashboard", StringComparison.Ordinal));
    }
}
