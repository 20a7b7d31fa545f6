using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Displays;

/// <summary>
/// Displays on PostgreSQL with two gateway processes (each a co-hosted silo of one cluster): a code opened on one is
/// claimed on the other, a revocation on one reaches the other (401 and its hub connection closed by its re-check),
/// and pairings, spent codes and revocations survive a restart of every process.
/// </summary>
public sealed class DisplayPairingPostgresTests
{
    [Fact]
    public async Task DisplaysWorkOnEveryGatewayOfOneDatabaseAndSurviveARestart()
    {
        var first = await ApiHarness.OnPostgresAsync();
        var second = await ApiHarness.OnPostgresAsync(first.ConnectionString);
        string connectionString = first.ConnectionString!;
        TestStore store;
        JsonObject revoked, kept;
        string keptCode;
        try
        {
            Assert.Equal("KeyPreservingGrainStorage", first.StorageKind);
            store = await first.StoreAsync();
            revoked = await ClaimAsync(second, await OpenAsync(first, store.StoreId), "front");
            keptCode = await OpenAsync(second, store.StoreId);
            kept = await ClaimAsync(first, keptCode, "back");

            using (var display = Display(first, revoked))
            {
                await ApiHarness.ExpectAsync(HttpStatusCode.OK, await display.GetAsync($"/api/stores/{store.StoreId}/board"));
            }

            await using var hub = await DisplayHub.ConnectAsync(first.Factory, revoked.Str("credential"));
            await hub.SubscribeAsync(store.StoreId);
            await hub.Snapshot.WaitAsync(Eventually.Deadline);

            using (var hq = await second.HqAsync())
            {
                await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.DeleteAsync($"/api/displays/{revoked.Str("displayId")}"));
            }

            using (var onSecond = Display(second, revoked))
            {
                await ApiHarness.ExpectAsync(HttpStatusCode.Unauthorized, await onSecond.GetAsync($"/api/stores/{store.StoreId}/board"));
            }

            // The first process learns it from the registry: its cached check runs out, its re-check closes the hub connection.
            using (var onFirst = Display(first, revoked))
            {
                await Eventually.GetAsync(
                    () => onFirst.GetAsync($"/api/stores/{store.StoreId}/board"),
                    r => r.StatusCode == HttpStatusCode.Unauthorized,
                    "the other gateway refuses the revoked credential");
            }

            await hub.Closed.WaitAsync(Eventually.Deadline);
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }

        await using var restarted = await ApiHarness.OnPostgresAsync(connectionString);
        using (var display = Display(restarted, kept))
        {
            await ApiHarness.ExpectAsync(HttpStatusCode.OK, await display.GetAsync($"/api/stores/{store.StoreId}/board"));
        }

        using (var display = Display(restarted, revoked))
        {
            await ApiHarness.ExpectAsync(HttpStatusCode.Unauthorized, await display.GetAsync($"/api/stores/{store.StoreId}/board"));
        }

        using var anonymous = restarted.Anonymous();
        await ApiHarness.ExpectAsync(HttpStatusCode.Gone, await anonymous.PostAsJsonAsync($"/api/display-pairings/{keptCode}/claim", new { deviceName = "again" }));
        using var hqAfter = await restarted.HqAsync();
        var list = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hqAfter.GetAsync($"/api/displays?storeId={store.StoreId}"));
        var states = list["displays"]!.AsArray().ToDictionary(d => d!.Str("deviceName"), d => d!["revoked"]!.GetValue<bool>());
        Assert.Equal(new Dictionary<string, bool> { ["front"] = true, ["back"] = false }, states);
    }

    private static async Task<string> OpenAsync(ApiHarness api, string storeId)
    {
        using var hq = await api.HqAsync();
        return (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsync($"/api/stores/{storeId}/display-pairings", null))).Str("code");
    }

    private static async Task<JsonObject> ClaimAsync(ApiHarness api, string code, string deviceName)
    {
        using var anonymous = api.Anonymous();
        return await ApiHarness.ExpectAsync(HttpStatusCode.Created, await anonymous.PostAsJsonAsync($"/api/display-pairings/{code}/claim", new { deviceName }));
    }

    private static HttpClient Display(ApiHarness api, JsonObject claim)
    {
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", claim.Str("credential"));
        return client;
    }
}
