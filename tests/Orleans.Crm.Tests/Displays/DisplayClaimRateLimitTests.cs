using System.Net;
using System.Net.Http.Json;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Displays;

/// <summary>
/// Claims of pairing codes are limited per client address (<c>Security:RateLimits:DisplayClaims</c>): six digits are a
/// million codes, so guessing must be slower than a code's ten minutes.
/// </summary>
public sealed class DisplayClaimRateLimitTests : IAsyncLifetime
{
    private readonly ApiHarness _api = ApiHarness.InMemory(_ => { }, new Dictionary<string, string?>
    {
        ["Security:RateLimits:DisplayClaims:PermitLimit"] = "3",
        ["Security:RateLimits:DisplayClaims:Window"] = "00:10:00",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task AnAddressOverTheClaimLimitGetsA429ProblemEvenForTheRightCode()
    {
        var store = await _api.StoreAsync();
        using var hq = await _api.HqAsync();
        var code = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsync($"/api/stores/{store.StoreId}/display-pairings", null))).Str("code");
        var wrong = code == "000000" ? "000001" : "000000";
        using var guesser = _api.Anonymous();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await guesser.PostAsJsonAsync($"/api/display-pairings/{wrong}/claim", new { deviceName = "guess" }));
        }

        var refused = await guesser.PostAsJsonAsync($"/api/display-pairings/{code}/claim", new { deviceName = "guess" });
        var problem = await ApiHarness.ExpectAsync(HttpStatusCode.TooManyRequests, refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a refused claim says when to retry");

        // The refused claim did not spend the code and paired nothing.
        var list = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/displays?storeId={store.StoreId}"));
        Assert.Empty(list["displays"]!.AsArray());
    }
}
