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
    public async Task A_dev_token_carries_role_store_and_user_and_lasts_twelve_hours()
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
    public async Task A_dev_token_for_an_unknown_role_is_refused_naming_the_role()
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
    public async Task Every_role_but_hq_needs_a_store_for_a_dev_token(string role)
    {
        using var client = _api.Anonymous();

        var response = await client.PostAsJsonAsync("/api/dev/token", new { role });

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, response, "storeId");
    }

    [Fact]
    public async Task A_dev_token_with_a_malformed_store_id_is_refused()
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
    public async Task Api_routes_without_a_token_answer_401_problem(string method, string path)
    {
        using var client = _api.Anonymous();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_rejected()
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
    public async Task Two_gateways_with_dev_tokens_accept_each_others_tokens()
    {
        await using var second = ApiHarness.InMemory();
        var token = await _api.TokenAsync("hq");
        using var client = second.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/pool");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_access_token_query_parameter_is_ignored_outside_the_hubs()
    {
        var token = await _api.TokenAsync("hq");
        using var client = _api.Anonymous();

        var response = await client.GetAsync($"/api/pool?access_token={token}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_access_token_query_parameter_authenticates_hub_requests()
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
    public async Task Without_dev_tokens_the_token_route_does_not_exist()
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
    public async Task Without_dev_tokens_a_missing_or_short_signing_key_fails_at_start_naming_the_key(string? key)
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
    public async Task A_display_token_is_refused_on_everything_but_its_board()
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
