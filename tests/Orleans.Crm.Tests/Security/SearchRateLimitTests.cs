using System.Net;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Security;

/// <summary>Searches are customer look-ups (issue 14): they count against the per-user look-up limit.</summary>
public sealed class SearchRateLimitTests : IAsyncLifetime
{
    private readonly ApiHarness _api = ApiHarness.InMemory(_ => { }, new Dictionary<string, string?>
    {
        ["Security:RateLimits:Lookups:PermitLimit"] = "3",
        ["Security:RateLimits:Lookups:Window"] = "00:10:00",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task AUserSearchingPastTheLookupLimitGetsA429ProblemWhileAnotherUserStillSearches()
    {
        var store = await _api.StoreAsync();
        var visit = await _api.VisitAsync(store);
        using var greedy = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        using var other = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[1]);

        // Searches and lead look-ups share the one limit.
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await greedy.GetAsync("/api/search?q=5678"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await greedy.GetAsync($"/api/leads/{visit.Str("leadId")}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await greedy.GetAsync("/api/search?q=%E7%8E%8B%E5%B0%8F"));
        var refused = await greedy.GetAsync("/api/search?q=1234");

        var problem = await ApiHarness.ExpectAsync(HttpStatusCode.TooManyRequests, refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await other.GetAsync("/api/search?q=5678"));
    }
}
