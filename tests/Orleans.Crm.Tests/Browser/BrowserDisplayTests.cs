using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium (Debian <c>chromium</c>, driven by npm <c>playwright-core</c> from tests/browser) opens the
/// wall display of a gateway listening on a loopback port; a dispatch made through the API appears without a reload,
/// and when news and heartbeats stop reaching it (the socket kept open) the board marks itself stale (since hh:mm)
/// instead of quietly standing still.
/// </summary>
public sealed class BrowserDisplayTests
{
    [Fact]
    public async Task TheWallDisplayShowsADispatchWithoutReloadAndMarksItselfStaleWhenNewsStop()
    {
        await using var gateway = LiveGateway.Start();
        var api = new BoardApi(gateway.Http);
        const string store = "browser";
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        await api.VisitAsync(store, manager, "钱多多", "13611112222");

        await using var display = await BrowserScript.StartAsync("display-check.mjs", new Uri(gateway.Address, $"/display/{store}"), "display.png");
        await display.ExpectAsync("READY", "the display did not come up");

        // Made while the page is open: it must arrive over the hub.
        var lead = await api.VisitAsync(store, manager, "王小明", "13812345678");
        var dispatch = await api.DispatchAsync(lead, $"{store}-m1", manager);
        var designerName = dispatch.GetProperty("designerId").GetString() switch
        {
            $"{store}-d1" => "李设计",
            $"{store}-d2" => "陈设计",
            _ => "赵设计",
        };
        await display.SendAsync($"EXPECT {lead} {designerName}");
        var result = await display.ExpectAsync("OK", "the display did not show the dispatch");
        Assert.DoesNotContain("王小明", result, StringComparison.Ordinal);

        await display.SendAsync("STALE");
        await display.ExpectAsync("STALE-OK", "the display did not mark itself stale");
        await display.FinishAsync();
    }
}
