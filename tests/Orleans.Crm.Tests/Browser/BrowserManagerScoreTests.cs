using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium on the staff console as a store's supervisor: the account-manager quarterly score panel
/// (客户经理季度考核) shows the manager's terms with their inputs and the total, and the supervisor's internal satisfaction
/// survey submitted on the console changes the score.
/// </summary>
public sealed class BrowserManagerScoreTests
{
    [Fact]
    public async Task TheSupervisorSeesTheManagersScoreOnTheConsoleAndTheirSurveyChangesIt()
    {
        await using var gateway = LiveGateway.Start();
        var http = gateway.Http;
        var api = new BoardApi(http);
        var store = BoardApi.NewStoreId("ms");
        var managerId = $"{store}-m1";
        var hq = await api.TokenAsync("hq");
        await api.CreateStoreAsync(store, hq);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hq);

        // Two consultations, one signed for 200,000 (50 %: 35); main material 150,000 (75 %: 30); 3 of 20 invited came
        // (15 %: 10); no callbacks due (10): 85, excellent, before any survey.
        var signed = await api.VisitAsync(store, hq, "钱女士", "13977770001");
        await api.VisitAsync(store, hq, "孙先生", "13977770002");
        await api.DispatchAsync(signed, managerId, hq);
        await PostAsync(http, $"/api/leads/{signed}/contract", new { commandId = "c", amount = 200_000, signerName = "钱女士" });
        var quarter = (await ReadAsync(await http.GetAsync($"/api/managers/{managerId}/scores")))["quarter"]!.GetValue<string>();
        await ReadAsync(await http.PutAsJsonAsync($"/api/managers/{managerId}/facts/{quarter}", new { mainMaterialSales = 150_000, phoneInvitations = 20, invitedVisits = 3, quarrels = 0 }));

        await using var page = await BrowserScript.StartAsync("manager-score-check.mjs", new Uri(gateway.Address, "/console"), "console-manager-score.png", store, managerId, quarter);
        var before = await page.ExpectAsync("READY", "the console did not show the manager's score");
        var after = await page.ExpectAsync("SUBMITTED", "the survey submitted on the console did not change the score");
        await page.FinishAsync();

        Assert.Contains("35/35 (50% = 1/2)", before, StringComparison.Ordinal);
        Assert.Contains("30/30 (75% = 150000/200000)", before, StringComparison.Ordinal);
        Assert.Contains("85 优秀 excellent", before, StringComparison.Ordinal);
        Assert.Contains("0/15", before, StringComparison.Ordinal);

        // The supervisor's form alone: 100 → 15, and the +3 bonus at ≥ 95: 103.
        Assert.Contains("15/15 (100%)", after, StringComparison.Ordinal);
        Assert.Contains("103 优秀 excellent", after, StringComparison.Ordinal);
        Assert.Contains("total 100", after, StringComparison.Ordinal);
        var card = await ReadAsync(await http.GetAsync($"/api/managers/{managerId}/scores?quarter={quarter}"));
        Assert.Equal((100m, 103m), (card["survey"]!["supervisor"]!.GetValue<decimal>(), card["total"]!.GetValue<decimal>()));
    }

    private static async Task PostAsync(HttpClient http, string path, object body) => await ReadAsync(await http.PostAsJsonAsync(path, body));

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return (JsonNode.Parse(text) as JsonObject)!;
    }
}
