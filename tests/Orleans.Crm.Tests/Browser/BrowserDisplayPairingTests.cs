using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium pairs a wall display (issue 16): <c>/display</c> with nothing stored shows the pairing
/// screen; the code the supervisor creates on the console's Displays panel, typed once, shows the store's masked board
/// (kept across a reload); revoking it on the console brings the pairing screen back.
/// </summary>
public sealed class BrowserDisplayPairingTests
{
    [Fact]
    public async Task AWallDisplayPairsWithAConsoleCodeShowsItsBoardAndDropsToThePairingScreenWhenRevoked()
    {
        await using var gateway = LiveGateway.Start();
        var api = new BoardApi(gateway.Http);
        var store = BoardApi.NewStoreId("pair");
        var supervisor = $"{store}-sup";
        await api.CreateStoreAsync(store);
        const string phone = "13677778888";
        await api.VisitAsync(store, await api.TokenAsync("manager", store, $"{store}-m1"), "钱多多", phone);

        // The page re-checks its credential every 2 s here (30 s by default).
        await using var display = await BrowserScript.StartAsync(
            "display-pairing-check.mjs", new Uri(gateway.Address, "/display?recheck=2"), "display-pairing.png", phone, store, supervisor);
        await display.ExpectAsync("READY", "the pairing screen did not show");

        var paired = await display.ExpectAsync("PAIRED", "the display did not show the board after the console's code");
        var displayId = paired.Split(' ')[1];
        var listed = (await ListAsync(gateway, api, store)).Single(d => d!.Str("displayId") == displayId)!;
        Assert.Equal(("浏览器测试 Browser test", supervisor, false), (listed.Str("deviceName"), listed.Str("pairedBy"), listed["revoked"]!.GetValue<bool>()));

        await display.SendAsync("REVOKE");
        await display.ExpectAsync("UNPAIRED", "the revoked display did not drop to the pairing screen");
        await display.FinishAsync();
        var revoked = (await ListAsync(gateway, api, store)).Single(d => d!.Str("displayId") == displayId)!;
        Assert.Equal((true, supervisor), (revoked["revoked"]!.GetValue<bool>(), revoked.Str("revokedBy")));
    }

    private static async Task<JsonArray> ListAsync(LiveGateway gateway, BoardApi api, string store)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/displays?storeId={store}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await api.TokenAsync("hq"));
        return (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await gateway.Http.SendAsync(request)))["displays"]!.AsArray();
    }
}
