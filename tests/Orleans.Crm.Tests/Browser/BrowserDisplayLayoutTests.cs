using System.Net.Http.Headers;
using System.Net.Http.Json;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// Issue 15 on the wall display, in a real headless Chromium (tests/browser/display-layout-check.mjs): at 1920×1080 and
/// 1366×768 the title (a long store name) does not overlap the duty line, and the clock shows the store's local time
/// (its setup's time zone) although the browser runs in another time zone.
/// </summary>
public sealed class BrowserDisplayLayoutTests
{
    private const string StoreZone = "Asia/Shanghai";
    private const string BrowserZone = "America/New_York";

    [Fact]
    public async Task TheTitleAndTheDutyLineDoNotOverlapAndTheClockShowsTheStoresTimeInAnotherTimeZone()
    {
        await using var gateway = LiveGateway.Start();
        var api = new BoardApi(gateway.Http);
        var store = BoardApi.NewStoreId("wall");
        var hq = await api.TokenAsync("hq");
        using (var setup = new HttpRequestMessage(HttpMethod.Put, $"/api/stores/{store}")
        {
            Content = JsonContent.Create(new
            {
                name = "东易日盛上海徐汇旗舰店家居体验馆（二期）Shanghai Xuhui Flagship Home Experience Centre, Phase Two",
                timeZone = StoreZone,
                groups = new[]
                {
                    new
                    {
                        managerId = $"{store}-m1",
                        managerName = "欧阳建国经理 Ouyang Jianguo",
                        designers = new[] { new { designerId = $"{store}-d1", name = "李设计", level = "senior" } },
                    },
                },
                rotation = new[] { $"{store}-m1" },
                rotationStart = "2026-01-06",
                restDays = Array.Empty<string>(),
            }),
        })
        {
            setup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hq);
            var response = await gateway.Http.SendAsync(setup);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        await api.VisitAsync(store, manager, "钱多多");

        await using var display = await BrowserScript.StartAsync("display-layout-check.mjs", new Uri(gateway.Address, $"/display/{store}"), "display-layout.png", StoreZone, BrowserZone);
        var result = await display.ExpectAsync("OK", "the display's title, duty line or clock is wrong");
        await display.FinishAsync();
        Assert.Contains("\"width\":1366", result, StringComparison.Ordinal);
        Assert.True(new FileInfo(display.Screenshot.Replace(".png", "-1366.png", StringComparison.Ordinal)).Length > 10_000, "no 1366×768 screenshot");
    }
}
