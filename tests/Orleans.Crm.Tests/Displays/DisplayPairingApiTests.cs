using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Displays;

/// <summary>
/// Wall-display pairing (issue 16) through the API of one in-memory gateway (co-hosted silo) whose rules read a fake
/// clock: codes, claims, the credential's reach (its store's board and hub, nothing else), role and store scoping of
/// every route, and revocation (401 and a closed hub connection, here and as another gateway process would see it).
/// </summary>
public sealed class DisplayPairingApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly ApiHarness _api;

    public DisplayPairingApiTests()
    {
        _api = ApiHarness.InMemory(
            b => b.ConfigureTestServices(s => s.AddSingleton(new RulesClock(_clock))),
            new Dictionary<string, string?>
            {
                // Every claim of this class comes from the test server's one address: the limit has its own test.
                ["Security:RateLimits:DisplayClaims:PermitLimit"] = "100000",
                ["Displays:ConnectionRecheckInterval"] = "00:00:01",
                ["Displays:CredentialCacheDuration"] = "00:00:01",
            });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task APairedDisplayReadsItsStoresMaskedBoardAndSubscribesToItsHub()
    {
        var store = await _api.StoreAsync();
        var phone = ApiHarness.NewPhone();
        await _api.VisitAsync(store, phone, "王小明");
        using var hq = await _api.HqAsync();

        var pairing = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsync($"/api/stores/{store.StoreId}/display-pairings", null));
        Assert.Matches("^[0-9]{6}$", pairing.Str("code"));
        Assert.Equal(_clock.GetUtcNow().AddMinutes(10), pairing["expiresAt"]!.GetValue<DateTimeOffset>());

        var claim = await ClaimAsync(pairing.Str("code"), "大厅电视 Lobby TV");
        Assert.Equal(store.StoreId, claim.Str("storeId"));
        Assert.StartsWith("display-", claim.Str("displayId"), StringComparison.Ordinal);

        using var display = Display(claim);
        var boardResponse = await display.GetAsync($"/api/stores/{store.StoreId}/board");
        var board = await ApiHarness.ExpectAsync(HttpStatusCode.OK, boardResponse);
        Assert.Equal(store.StoreId, board.Str("storeId"));
        Assert.Single(board["todayLeads"]!.AsArray());
        Assert.DoesNotContain(phone, board.ToJsonString(), StringComparison.Ordinal);
        var me = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await display.GetAsync("/api/displays/me"));
        Assert.Equal((claim.Str("displayId"), store.StoreId, "大厅电视 Lobby TV"), (me.Str("displayId"), me.Str("storeId"), me.Str("deviceName")));

        await using var hub = await DisplayHub.ConnectAsync(_api.Factory, claim.Str("credential"));
        await hub.SubscribeAsync(store.StoreId);
        var snapshot = await hub.Snapshot.WaitAsync(Eventually.Deadline);
        Assert.Equal(store.StoreId, snapshot.GetProperty("storeId").GetString());
        Assert.DoesNotContain(phone, snapshot.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCredentialIsRefusedForOtherStoresAndForEveryWriteAndStaffRoute()
    {
        var store = await _api.StoreAsync();
        var other = await _api.StoreAsync();
        var claim = await PairAsync(store.StoreId);
        using var display = Display(claim);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.GetAsync($"/api/stores/{other.StoreId}/board"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.GetAsync($"/api/stores/{store.StoreId}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.PostAsJsonAsync(
            $"/api/stores/{store.StoreId}/visits", new { commandId = ApiHarness.NewCommandId(), name = "张三", phone = ApiHarness.NewPhone(), channel = "walkIn" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.PutAsJsonAsync($"/api/stores/{store.StoreId}/season", new { peak = true }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.GetAsync($"/api/leads/{store.StoreId}-1"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.GetAsync($"/api/stores/{store.StoreId}/duty"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.PostAsync($"/api/stores/{store.StoreId}/display-pairings", null));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.GetAsync($"/api/displays?storeId={store.StoreId}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.DeleteAsync($"/api/displays/{claim.Str("displayId")}"));

        await using var hub = await DisplayHub.ConnectAsync(_api.Factory, claim.Str("credential"));
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.SubscribeAsync(other.StoreId));
        Assert.Contains("Forbidden", refused.Message, StringComparison.Ordinal);

        // Nothing the display tried changed the store.
        using var hq = await _api.HqAsync();
        var board = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}/board"));
        Assert.Empty(board["todayLeads"]!.AsArray());
        Assert.NotEqual("peak", board.Str("season"));
    }

    [Fact]
    public async Task ACodePairsOneDisplayOnceAndUnknownExpiredOrMalformedCodesAreProblems()
    {
        var store = await _api.StoreAsync();
        using var hq = await _api.HqAsync();
        var code = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsync($"/api/stores/{store.StoreId}/display-pairings", null))).Str("code");

        await ClaimAsync(code, "first");
        var used = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Gone, await PostClaimAsync(code, "second"), "code");
        Assert.Contains("already been used", used.Str("detail"), StringComparison.Ordinal);

        var late = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsync($"/api/stores/{store.StoreId}/display-pairings", null))).Str("code");
        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var expired = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Gone, await PostClaimAsync(late, "late"), "code");
        Assert.Contains("expired", expired.Str("detail"), StringComparison.Ordinal);

        var unknown = await UnusedCodeAsync();
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await PostClaimAsync(unknown, "nobody's"), "code");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await PostClaimAsync("12a456", "typo"), "code");
        var fresh = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsync($"/api/stores/{store.StoreId}/display-pairings", null))).Str("code");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await PostClaimAsync(fresh, ""), "deviceName");

        // The refused claims paired nothing: the store has the first display only, and the fresh code still works.
        var list = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/displays?storeId={store.StoreId}"));
        Assert.Equal(["first"], list["displays"]!.AsArray().Select(d => d!.Str("deviceName")));
        await ClaimAsync(fresh, "third");
    }

    [Fact]
    public async Task OnlyHqAndTheStoresSupervisorMayOpenCodesListAndRevokeDisplays()
    {
        var store = await _api.StoreAsync();
        var other = await _api.StoreAsync();
        var display = await PairAsync(store.StoreId);
        var displayId = display.Str("displayId");
        var elsewhere = await PairAsync(other.StoreId);

        foreach (var (role, storeId) in new[] { ("frontdesk", store.StoreId), ("manager", store.StoreId), ("designer", store.StoreId), ("service", store.StoreId), ("pm", store.StoreId), ("supervisor", other.StoreId) })
        {
            using var client = await _api.ClientAsync(role, storeId, ApiHarness.NewId(role));
            await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PostAsync($"/api/stores/{store.StoreId}/display-pairings", null));
            await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.GetAsync($"/api/displays?storeId={store.StoreId}"));
            await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.DeleteAsync($"/api/displays/{displayId}"));
        }

        using var anonymous = _api.Anonymous();
        await ApiHarness.ExpectAsync(HttpStatusCode.Unauthorized, await anonymous.PostAsync($"/api/stores/{store.StoreId}/display-pairings", null));
        await ApiHarness.ExpectAsync(HttpStatusCode.Unauthorized, await anonymous.GetAsync($"/api/displays?storeId={store.StoreId}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Unauthorized, await anonymous.DeleteAsync($"/api/displays/{displayId}"));

        // The store's own supervisor: its store's displays whether named or not, never another store's.
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, ApiHarness.NewId("sup"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await supervisor.PostAsync($"/api/stores/{store.StoreId}/display-pairings", null));
        var own = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync("/api/displays"));
        Assert.Equal([displayId], own["displays"]!.AsArray().Select(d => d!.Str("displayId")));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await supervisor.GetAsync($"/api/displays?storeId={other.StoreId}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await supervisor.DeleteAsync($"/api/displays/{elsewhere.Str("displayId")}"));

        // HQ: every store, and the details of each display.
        using var hq = await _api.HqAsync();
        var all = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync("/api/displays"));
        var ids = all["displays"]!.AsArray().Select(d => d!.Str("displayId")).ToList();
        Assert.Contains(displayId, ids);
        Assert.Contains(elsewhere.Str("displayId"), ids);
        var listed = all["displays"]!.AsArray().Single(d => d!.Str("displayId") == displayId)!;
        Assert.Equal((store.StoreId, "hq", false), (listed.Str("storeId"), listed.Str("pairedBy"), listed["revoked"]!.GetValue<bool>()));
        Assert.Equal(_clock.GetUtcNow(), listed["pairedAt"]!.GetValue<DateTimeOffset>());
        Assert.NotNull(listed["lastSeen"]);
        Assert.DoesNotContain(display.Str("credential"), all.ToJsonString(), StringComparison.Ordinal);

        await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await hq.PostAsync($"/api/stores/{ApiHarness.NewId("s")}/display-pairings", null));
        await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await hq.DeleteAsync($"/api/displays/{ApiHarness.NewId("display")}"));
        var revoked = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.DeleteAsync($"/api/displays/{displayId}"));
        Assert.True(revoked["revoked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ARevokedDisplayIsRefusedAtOnceAndItsHubConnectionIsClosed()
    {
        var store = await _api.StoreAsync();
        var claim = await PairAsync(store.StoreId);
        using var display = Display(claim);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await display.GetAsync($"/api/stores/{store.StoreId}/board"));
        await using var hub = await DisplayHub.ConnectAsync(_api.Factory, claim.Str("credential"));
        await hub.SubscribeAsync(store.StoreId);
        await hub.Snapshot.WaitAsync(Eventually.Deadline);
        Assert.False(hub.Closed.IsCompleted);

        var supervisorId = ApiHarness.NewId("sup");
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, supervisorId);
        var revoked = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.DeleteAsync($"/api/displays/{claim.Str("displayId")}"));
        Assert.Equal((true, supervisorId), (revoked["revoked"]!.GetValue<bool>(), revoked.Str("revokedBy")));

        await hub.Closed.WaitAsync(Eventually.Deadline);
        var refused = await display.GetAsync($"/api/stores/{store.StoreId}/board");
        await ApiHarness.ExpectAsync(HttpStatusCode.Unauthorized, refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        await ApiHarness.ExpectAsync(HttpStatusCode.Unauthorized, await display.GetAsync("/api/displays/me"));
        Assert.NotNull(await Record.ExceptionAsync(async () =>
        {
            await using var again = await DisplayHub.ConnectAsync(_api.Factory, claim.Str("credential"));
            await again.SubscribeAsync(store.StoreId);
        }));

        // Revoking again changes nothing, and the list keeps the display as revoked.
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.DeleteAsync($"/api/displays/{claim.Str("displayId")}"));
        var list = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/displays?storeId={store.StoreId}"));
        Assert.True(list["displays"]!.AsArray().Single()!["revoked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ARevocationMadeThroughAnotherGatewayClosesTheConnectionAtTheNextRecheck()
    {
        var store = await _api.StoreAsync();
        var claim = await PairAsync(store.StoreId);
        await using var hub = await DisplayHub.ConnectAsync(_api.Factory, claim.Str("credential"));
        await hub.SubscribeAsync(store.StoreId);
        await hub.Snapshot.WaitAsync(Eventually.Deadline);

        // As another gateway process does it: straight to the registry, so this process neither forgets nor closes at once.
        var registry = _api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IDisplayRegistryGrain>(0);
        Assert.NotNull(await registry.RevokeAsync(claim.Str("displayId"), "hq"));

        await hub.Closed.WaitAsync(Eventually.Deadline);
        using var display = Display(claim);
        await Eventually.GetAsync(
            () => display.GetAsync($"/api/stores/{store.StoreId}/board"),
            r => r.StatusCode == HttpStatusCode.Unauthorized,
            "the revoked credential is refused once this process's cached check runs out");
    }

    [Fact]
    public async Task AForgedOrMalformedDisplayCredentialIsUnauthorized()
    {
        var store = await _api.StoreAsync();
        var claim = await PairAsync(store.StoreId);
        var credential = claim.Str("credential");
        var forged = credential[..^4] + (credential.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        foreach (var token in new[] { forged, $"crmd.{ApiHarness.NewId("display")}.secret", "crmd.garbage" })
        {
            using var client = _api.Anonymous();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await ApiHarness.ExpectAsync(HttpStatusCode.Unauthorized, await client.GetAsync($"/api/stores/{store.StoreId}/board"));
        }

        // Staff bearer tokens still go to the JWT handler beside the display scheme.
        using var hq = await _api.HqAsync();
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}/board"));
    }

    private async Task<JsonObject> PairAsync(string storeId)
    {
        using var hq = await _api.HqAsync();
        var pairing = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsync($"/api/stores/{storeId}/display-pairings", null));
        return await ClaimAsync(pairing.Str("code"), "TV " + storeId);
    }

    private async Task<JsonObject> ClaimAsync(string code, string deviceName) =>
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await PostClaimAsync(code, deviceName));

    private async Task<HttpResponseMessage> PostClaimAsync(string code, string deviceName)
    {
        using var anonymous = _api.Anonymous();
        return await anonymous.PostAsJsonAsync($"/api/display-pairings/{code}/claim", new { deviceName });
    }

    // A code nobody opened: open-and-claimed codes are known, so pick digits the registry has never handed out.
    private async Task<string> UnusedCodeAsync()
    {
        while (true)
        {
            var code = Random.Shared.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            var response = await PostClaimAsync(code, "probe");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return code;
            }
        }
    }

    private HttpClient Display(JsonObject claim)
    {
        var client = _api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", claim.Str("credential"));
        return client;
    }
}
