using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Tests.Board;
using Orleans.Crm.Tests.Browser;

namespace Orleans.Crm.Tests.Complaints;

/// <summary>
/// A real headless Chromium on the complaints board (/service): signed in as the store's customer service, it shows a
/// complaint filed elsewhere without a reload, and records the department-notified step through its buttons.
/// </summary>
public sealed class BrowserServiceTests
{
    [Fact]
    public async Task TheServicePageShowsANewComplaintLiveAndRecordsAStep()
    {
        await using var gateway = LiveGateway.Start();
        var http = gateway.Http;
        var api = new BoardApi(http);
        var store = BoardApi.NewStoreId("svc");
        var hq = await api.TokenAsync("hq");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hq);
        (await http.PutAsJsonAsync($"/api/stores/{store}", new
        {
            name = $"客服门店 {store}",
            groups = new[] { new { managerId = $"{store}-m1", managerName = "周经理", designers = new[] { new { designerId = $"{store}-d1", name = "李设计", level = "senior" } } } },
            rotation = new[] { $"{store}-m1" },
            rotationStart = "2026-01-06",
        })).EnsureSuccessStatusCode();

        await using var page = await BrowserScript.StartAsync("service-check.mjs", new Uri(gateway.Address, "/service"), "service-board.png", store);
        await page.ExpectAsync("READY", "the page did not connect");

        var filed = await http.PostAsJsonAsync("/api/complaints", new { commandId = Guid.NewGuid().ToString("N"), phone = "13912345678", storeId = store, channel = "phone", summary = "卫生间漏水", emergency = true });
        filed.EnsureSuccessStatusCode();
        var id = (await filed.Content.ReadFromJsonAsync<JsonObject>())!["complaintId"]!.GetValue<string>();
        await page.SendAsync($"FILED {id}");

        var shown = await page.ExpectAsync("SHOWN", "the complaint did not appear");
        Assert.Contains("卫生间漏水", shown, StringComparison.Ordinal);
        var stepped = await page.ExpectAsync("STEPPED", "the step was not recorded");
        Assert.Contains("工程部", stepped, StringComparison.Ordinal);
        await page.FinishAsync();

        var list = await http.GetFromJsonAsync<JsonArray>($"/api/complaints?storeId={store}");
        var step = Assert.Single(list!)!["steps"]![0]!;
        Assert.Equal(("department-notified", "cs-browser", "李工"), (step["step"]!.GetValue<string>(), step["by"]!.GetValue<string>(), step["person"]!.GetValue<string>()));
    }
}
