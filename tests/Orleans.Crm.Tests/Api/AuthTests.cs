using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Api;

public sealed class AuthTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task ADevTokenCarriesRoleStoreAndUserAndLastsTwelveHours()
    {
        using var client = _api.Anonymous();

        var response = await client.PostAsJsonAsync("/api/dev/token", new { role = "manager", storeId = "s1", userId = "m1" });

        var body = await ApiHarness.ExpectAsync(HttpStatusCode.OK, response);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(body.Str("token"));
        Assert.Equal("manager", token.GetClaim("role").Value);
        Assert.Equal("s1", token.GetClaim("store_id").Value);
        Assert.Equal("m1", token.Subject);
        Assert.InRange(token.ValidTo - token.ValidFrom, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12.1));
    }

    [Fact]
    public async Task ADevTokenForAnUnknownRoleIsRefusedNamingTheRole()
    {
        using var client = _api.Anonymous();

        var response = await client.PostAsJsonAsync("/api/dev/token", new { role = "boss", storeId = "s1" });

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, response, "role");
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("frontdesk")]
    [InlineData("manager")]
    [InlineData("designer")]
    [InlineData("display")]
    public async Task EveryRoleButHqNeedsAStoreForADevToken(string role)
    {
        using var client = _api.Anonymous();

        var response = await client.PostAsJsonAsync("/api/dev/token", new { role });

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, response, "storeId");
    }

    [Fact]
    public async Task ADevTokenWithAMalformedStoreIdIsRefused()
    {
        using var client = _api.Anonymous();

        var response = await client.PostAsJsonAsync("/api/dev/token", new { role = "frontdesk", storeId = "no spaces/allowed" });

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, response, "storeId");
    }

    [Theory]
    [InlineData("GET", "/api/pool")]
    [InlineData("GET", "/api/stores/s1")]
    [InlineData("GET", "/api/stores/s1/board")]
    [InlineData("POST", "/api/leads/l1/dispatch")]
    [InlineData("PUT", "/api/designers/d1/rank")]
    [InlineData("GET", "/api/customers/c1")]
    public async Task ApiRoutesWithoutATokenAnswer401Problem(string method, string path)
    {
        using var client = _api.Anonymous();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsRejected()
    {
        await using var other = new ApiHarness(new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "another-key-of-at-least-thirty-two-bytes-long!!",
        }));
        var foreign = await other.TokenAsync("hq");
        using var client = _api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", foreign);

        var response = await client.GetAsync("/api/pool");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TwoGatewaysWithDevTokensAcceptEachOthersTokens()
    {
        await using var second = ApiHarness.InMemory();
        var token = await _api.TokenAsync("hq");
        using var client = second.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/pool");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheAccessTokenQueryParameterIsIgnoredOutsideTheHubs()
    {
        var token = await _api.TokenAsync("hq");
        using var client = _api.Anonymous();

        var response = await client.GetAsync($"/api/pool?access_token={token}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheAccessTokenQueryParameterAuthenticatesHubRequests()
    {
        // A probe under /hubs that reports who the bearer handler sees: SignalR clients send the token this way.
        await using var factory = new GatewayFactory().WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IStartupFilter>(new HubProbe())));
        using var client = factory.CreateClient();
        var token = await ApiHarness.IssueTokenAsync(client, "hq");

        var withToken = await client.GetStringAsync($"/hubs/probe?access_token={token}");
        var without = await client.GetStringAsync("/hubs/probe");

        Assert.Equal("hq", withToken);
        Assert.Equal("anonymous", without);
    }

    [Fact]
    public async Task WithoutDevTokensTheTokenRouteDoesNotExist()
    {
        await using var api = new ApiHarness(new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Auth:DevTokens"] = "false",
            ["Auth:SigningKey"] = "a-production-key-of-at-least-thirty-two-bytes",
        }));
        using var client = api.Anonymous();

        var response = await client.PostAsJsonAsync("/api/dev/token", new { role = "hq" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short")]
    public async Task WithoutDevTokensAMissingOrShortSigningKeyFailsAtStartNamingTheKey(string? key)
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Auth:DevTokens"] = "false",
            ["Auth:SigningKey"] = key,
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Auth:SigningKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADisplayTokenIsRefusedOnEverythingButItsBoard()
    {
        var store = await _api.StoreAsync();
        using var display = await _api.ClientAsync("display", store.StoreId);

        Assert.Equal(HttpStatusCode.OK, (await display.GetAsync($"/api/stores/{store.StoreId}/board")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync($"/api/stores/{store.StoreId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync($"/api/stores/{store.StoreId}/duty?date=2026-03-02")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync("/api/pool")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new { commandId = "x", name = "A", phone = ApiHarness.NewPhone() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync($"/api/designers/{store.DesignerIds[0][0]}")).StatusCode);
    }

    private sealed class HubProbe : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: that would move "/hubs/probe" into PathBase, unlike the endpoint-routed hub.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/hubs/probe")
                {
                    await nextMiddleware(context);
                    return;
                }

                var result = await context.AuthenticateAsync();
                await context.Response.WriteAsync(result.Succeeded ? result.Principal!.FindFirst("role")!.Value : "anonymous");
            });
            next(app);
        };
    }
}
