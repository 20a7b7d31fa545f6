using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium on the staff console as a store's customer service: the callback of an accepted repair is
/// on "My tasks" (a team task, <c>service:{storeId}</c>), and its Problem button passes the customer's problem on as a
/// department ticket and a re-check call.
/// </summary>
public sealed class BrowserRepairCallbackTests
{
    [Fact]
    public async Task CustomerServiceSeesARepairCallbackOnTheConsoleAndPassesAProblemOn()
    {
        await using var gateway = LiveGateway.Start();
        var http = gateway.Http;
        var api = new BoardApi(http);
        var store = BoardApi.NewStoreId("rep");
        var hq = await api.TokenAsync("hq");
        await api.CreateStoreAsync(store, hq);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hq);
        var leadId = await api.VisitAsync(store, hq, "钱女士", "13977778888");
        var lead = await GetAsync(http, $"/api/leads/{leadId}");
        await api.DispatchAsync(leadId, lead["managerId"]!.GetValue<string>(), hq);
        var projectId = (await PostAsync(http, $"/api/leads/{leadId}/contract", new { amount = 150000, signerName = "钱女士" }))["projectId"]!.GetValue<string>();
        foreach (var stage in ProjectStages.All.TakeWhile(s => s != ProjectStages.FinalSettlement))
        {
            await PostAsync(http, $"/api/projects/{projectId}/stages/{stage}/start", new { });
            await PostAsync(http, $"/api/projects/{projectId}/stages/{stage}/accept", new { customerSigned = true });
        }

        var repairId = (await PostAsync(http, "/api/repairs", new { projectId, category = "tiling", description = "hollow tiles", severity = "medium" }))["repairId"]!.GetValue<string>();
        await PostAsync(http, $"/api/repairs/{repairId}/assessment", new { nature = "hollow tiles", severity = "medium", plan = "relay two tiles" });
        await PostAsync(http, $"/api/repairs/{repairId}/schedule", new { technician = "Lao Zhang", visitAt = DateTimeOffset.UtcNow.AddHours(2), customerTold = true });
        await PostAsync(http, $"/api/repairs/{repairId}/done", new { });
        await PostAsync(http, $"/api/repairs/{repairId}/acceptance", new { accepted = true });
        var callback = $"{repairId}.callback1-call";

        await using var page = await BrowserScript.StartAsync("repair-callback-check.mjs", new Uri(gateway.Address, "/console"), "console-repair-callback.png", store, callback);
        var listed = await page.ExpectAsync("READY", "the console did not list the repair callback");
        var raised = await page.ExpectAsync("RAISED", "the problem was not passed on");
        await page.FinishAsync();

        Assert.Contains(store, listed, StringComparison.Ordinal);
        Assert.Contains($"{repairId}.callback1-recheck", raised, StringComparison.Ordinal);
        var repair = await GetAsync(http, $"/api/repairs/{repairId}");
        var ticket = repair["tasks"]!.AsArray().Single(t => t!["taskId"]!.GetValue<string>() == $"{repairId}.callback1-ticket")!;
        Assert.Equal(($"construction:{store}", "open"), (ticket["assigneeId"]!.GetValue<string>(), ticket["state"]!.GetValue<string>()));
        Assert.Contains("hollow tiles", ticket["note"]!.GetValue<string>(), StringComparison.Ordinal);
        var done = repair["tasks"]!.AsArray().Single(t => t!["taskId"]!.GetValue<string>() == callback)!;
        Assert.Equal(("done", "cs-browser"), (done["state"]!.GetValue<string>(), done["closedBy"]!.GetValue<string>()));
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, object body)
    {
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        json["commandId"] = Guid.NewGuid().ToString("N");
        var response = await http.PostAsJsonAsync(path, json);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
