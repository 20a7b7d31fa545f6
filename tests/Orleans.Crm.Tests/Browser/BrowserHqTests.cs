using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium on the HQ reports page (/hq): signed in as head office, it draws the chosen store's last 12
/// weeks with Chart.js (served from npm at build time) — the chart holds the store's numbers and its canvas is painted —
/// and its register export button downloads the file, audited as the page's user.
/// </summary>
public sealed class BrowserHqTests
{
    [Fact]
    public async Task TheHqPageDrawsTheStoresWeeklyLeadsChart()
    {
        await using var gateway = LiveGateway.Start();
        var http = gateway.Http;
        var api = new BoardApi(http);
        var store = BoardApi.NewStoreId("hq");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await api.TokenAsync("hq"));
        (await http.PutAsJsonAsync($"/api/stores/{store}", new
        {
            name = $"总部报表门店 {store}",
            groups = new[] { new { managerId = $"{store}-m1", managerName = "周经理", designers = new[] { new { designerId = $"{store}-d1", name = "李设计", level = "senior" } } } },
            rotation = new[] { $"{store}-m1" },
            rotationStart = "2026-01-06",
            restDays = Array.Empty<string>(),
        })).EnsureSuccessStatusCode();
        string? lead = null;
        for (var i = 0; i < 3; i++)
        {
            var visit = await http.PostAsJsonAsync($"/api/stores/{store}/visits", new { commandId = Guid.NewGuid().ToString("N"), name = $"访客{i}", phone = $"1381234{i:D4}", channel = "walkIn", appointmentWith = $"{store}-m1" });
            visit.EnsureSuccessStatusCode();
            lead ??= (await visit.Content.ReadFromJsonAsync<JsonObject>())!["leadId"]!.GetValue<string>();
        }

        (await http.PostAsJsonAsync($"/api/leads/{lead}/measurement", new { commandId = Guid.NewGuid().ToString("N") })).EnsureSuccessStatusCode();

        await using var page = await BrowserScript.StartAsync("hq-check.mjs", new Uri(gateway.Address, "/hq"), "hq-reports.png", store);
        var drawn = JsonNode.Parse((await page.ExpectAsync("DRAWN", "the chart was not drawn"))["DRAWN ".Length..])!;
        await page.FinishAsync();

        // The store's twelve weeks, this week last with its three visits; one of three measured: 33.3 %.
        Assert.Equal("bar", drawn["type"]!.GetValue<string>());
        Assert.Equal(12, drawn["labels"]!.AsArray().Count);
        var leads = drawn["leads"]!.AsArray().Select(n => n!.GetValue<int>()).ToList();
        Assert.Equal([.. Enumerable.Repeat(0, 11), 3], leads);
        Assert.Equal(33.3, drawn["rates"]![0]!.GetValue<double>());
        Assert.Contains("来访 Leads", drawn["datasets"]!.AsArray().Select(d => d!.GetValue<string>()));

        // Painted: a real canvas with drawn pixels (bars, axes, legend), not an empty element.
        Assert.True(drawn["width"]!.GetValue<int>() > 100, drawn.ToJsonString());
        Assert.True(drawn["painted"]!.GetValue<int>() > 1000, drawn.ToJsonString());
        Assert.Contains("总部报表门店", drawn["totals"]!.GetValue<string>(), StringComparison.Ordinal);

        // The register export button downloads the store's register, and the download is audited as the page's user.
        Assert.StartsWith($"register-{store}-", drawn["exported"]!["file"]!.GetValue<string>(), StringComparison.Ordinal);
        var audit = (await http.GetFromJsonAsync<JsonArray>($"/api/exports/audit?storeId={store}"))!;
        var entry = Assert.Single(audit)!;
        Assert.Equal(("register", "hq-browser", 3), (entry["export"]!.GetValue<string>(), entry["userId"]!.GetValue<string>(), entry["rows"]!.GetValue<int>()));
    }
}
