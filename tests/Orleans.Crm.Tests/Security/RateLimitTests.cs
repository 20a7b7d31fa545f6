using System.Net;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Security;

/// <summary>Per-user rate limits on customer look-ups and exports (<c>Security:RateLimits:*</c>): over the limit is a 429 problem.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly ApiHarness _api = ApiHarness.InMemory(_ => { }, new Dictionary<string, string?>
    {
        ["Security:RateLimits:Lookups:PermitLimit"] = "3",
        ["Security:RateLimits:Lookups:Window"] = "00:10:00",
        ["Security:RateLimits:Exports:PermitLimit"] = "2",
        ["Security:RateLimits:Exports:Window"] = "00:10:00",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task AUserOverTheLookupLimitGetsA429ProblemWhileAnotherUserIsStillServed()
    {
        var store = await _api.StoreAsync();
        var visit = await _api.VisitAsync(store);
        var (leadId, customerId) = (visit.Str("leadId"), visit.Str("customerId"));
        using var greedy = await _api.ClientAsync("supervisor", store.StoreId, ApiHarness.NewId("sup"));
        using var other = await _api.ClientAsync("supervisor", store.StoreId, ApiHarness.NewId("sup"));

        // Leads and customers count against one limit.
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await greedy.GetAsync($"/api/leads/{leadId}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await greedy.GetAsync($"/api/customers/{customerId}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await greedy.GetAsync($"/api/leads/{leadId}"));
        var refused = await greedy.GetAsync($"/api/customers/{customerId}");

        var problem = await ApiHarness.ExpectAsync(HttpStatusCode.TooManyRequests, refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a refused look-up says when to retry");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await other.GetAsync($"/api/leads/{leadId}"));
    }

    [Fact]
    public async Task AUserOverTheExportLimitGetsA429ProblemAndTheRefusedExportIsNotAudited()
    {
        var store = await _api.StoreAsync();
        var exporter = ApiHarness.NewId("sup");
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, exporter);
        var url = $"/api/exports/register.xlsx?storeId={store.StoreId}";

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/exports/rankings.xlsx?storeId={store.StoreId}")).StatusCode);
        var refused = await supervisor.GetAsync(url);

        await ApiHarness.ExpectAsync(HttpStatusCode.TooManyRequests, refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var hq = await _api.HqAsync();
        var audit = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/audit?userId={exporter}"));
        Assert.Equal(2, audit["array"]!.AsArray().Count);
    }
}
