using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium pairs a wall display (issue 16): <c>/display</c> with nothing stored shows the pairing
/// screen; the code HQ opened, typed once, shows the store's masked board (and survives a reload); revoking the display
/// brings the pairing screen back.
/// </summary>
public sealed class BrowserDisplayPairingTests
{
    [Fact]
    public async Task AWallDisplayPairsWithACodeShowsItsBoardAndDropsToThePairingScreenWhenRevoked()
    {
        await using var gateway = LiveGateway.Start();
        var api = new BoardApi(gateway.Http);
        var store = BoardApi.NewStoreId("pair");
        var hqToken = await api.TokenAsync("hq");
        await api.CreateStoreAsync(store, hqToken);
        const string phone = "13677778888";
        await api.VisitAsync(store, await api.TokenAsync("manager", store, $"{store}-m1"), "钱多多", phone);

        // The page re-checks its credential every 2 s here (30 s by default).
        await using var display = await BrowserScript.StartAsync("display-pairing-check.mjs", new Uri(gateway.Address, "/display?recheck=2"), "display-pairing.png", phone);
        await display.ExpectAsync("READY", "the pairing screen did not show");

        var code = (await SendAsync(gateway, hqToken, HttpMethod.Post, $"/api/stores/{store}/display-pairings", HttpStatusCode.Created)).Str("code");
        await display.SendAsync("CODE " + code);
        var paired = await display.ExpectAsync("PAIRED", "the display did not show the board after the code");
        var displayId = paired.Split(' ')[1];

        var list = await SendAsync(gateway, hqToken, HttpMethod.Get, $"/api/displays?storeId={store}", HttpStatusCode.OK);
        Assert.Equal("浏览器测试 Browser test", list["displays"]!.AsArray().Single(d => d!.Str("displayId") == displayId)!.Str("deviceName"));

        await SendAsync(gateway, hqToken, HttpMethod.Delete, $"/api/displays/{displayId}", HttpStatusCode.OK);
        await display.SendAsync("REVOKED");
        await display.ExpectAsync("UNPAIRED", "the revoked display did not drop to the pairing screen");
        await display.FinishAsync();
    }

    private static async Task<JsonObject> SendAsync(LiveGateway gateway, string token, HttpMethod method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await ApiHarness.ExpectAsync(expected, await gateway.Http.SendAsync(request));
    }
}
