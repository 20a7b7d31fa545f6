using System.Net.Http.Headers;
using System.Net.Http.Json;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium opens the staff console as a store's supervisor after the half month was ranked: the
/// ranking card lists the designer's score with its items, and the live board shows the designer's corrected rank and
/// grade.
/// </summary>
public sealed class BrowserRankingTests
{
    [Fact]
    public async Task TheSupervisorSeesTheRankingByItemAndTheBoardShowsRankAndGrade()
    {
        await using var gateway = LiveGateway.Start();
        var http = gateway.Http;
        var api = new BoardApi(http);
        var store = BoardApi.NewStoreId("rank");
        await api.CreateStoreAsync(store);
        var supervisor = await api.TokenAsync("supervisor", store, "supervisor-" + store);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", supervisor);
        var period = HalfMonthPeriod.Of(DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime)).ToString();
        var best = $"{store}-d3";

        (await http.PutAsJsonAsync($"/api/designers/{best}/facts/{period}", new { siteSatisfaction = 100, phonedOwnCustomers = true })).EnsureSuccessStatusCode();
        (await http.PostAsync($"/api/stores/{store}/rankings/{period}/run", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/designers/{best}/rank", new { rank = 1, reason = "店长调整 covers the senior's customers" })).EnsureSuccessStatusCode();

        await using var console = await BrowserScript.StartAsync("ranking-check.mjs", new Uri(gateway.Address, "/console"), "console-ranking.png", store, period, best, "20", "#1* 赵设计");
        var shown = await console.ExpectAsync("OK", "the console did not show the ranking");

        Assert.Contains("工地满意度 Site satisfaction: 15", shown, StringComparison.Ordinal);
        Assert.Contains("人工调整 corrected", shown, StringComparison.Ordinal);
        Assert.Contains("普通级", shown, StringComparison.Ordinal);
        await console.FinishAsync();
    }
}
