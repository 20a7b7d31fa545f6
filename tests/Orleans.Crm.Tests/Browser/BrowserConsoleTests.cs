using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium opens the staff console as the manager of a store whose lead another store then wins with
/// the first deposit (以谁定单为准): without a reload, the console lists the lead as lost to the owner, naming the owning
/// store and manager.
/// </summary>
public sealed class BrowserConsoleTests
{
    [Fact]
    public async Task TheLosingManagerSeesOnTheConsoleThatAnotherStoreSignedTheirCustomer()
    {
        await using var gateway = LiveGateway.Start();
        var http = gateway.Http;
        var api = new BoardApi(http);
        var (winner, loser) = (BoardApi.NewStoreId("win"), BoardApi.NewStoreId("lose"));
        await api.CreateStoreAsync(winner);
        await api.CreateStoreAsync(loser);
        var winnerManager = await api.TokenAsync("manager", winner, $"{winner}-m1");
        var loserManager = await api.TokenAsync("manager", loser, $"{loser}-m1");
        const string phone = "13955556666";
        var wonLead = await api.VisitAsync(winner, winnerManager, "孙女士", phone);
        var lostLead = await api.VisitAsync(loser, loserManager, "孙女士", phone);
        await api.DispatchAsync(wonLead, $"{winner}-m1", winnerManager);
        await api.DispatchAsync(lostLead, $"{loser}-m1", loserManager);

        await using var console = await BrowserScript.StartAsync("console-check.mjs", new Uri(gateway.Address, "/console"), "console-owned-elsewhere.png", "manager", loser, $"{loser}-m1");
        await console.ExpectAsync("READY", "the console did not come up");

        // Made while the console is open: the losing store's board hears of the close over the hub.
        using var deposit = new HttpRequestMessage(HttpMethod.Post, $"/api/leads/{wonLead}/deposit")
        {
            Content = JsonContent.Create(new { commandId = "won", amount = 5000, payerName = "孙女士" }),
        };
        deposit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", winnerManager);
        var won = await http.SendAsync(deposit);
        Assert.True(won.IsSuccessStatusCode, await won.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty((await won.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("projectId").GetString()));

        await console.SendAsync($"EXPECT {winner} / {winner}-m1");
        await console.ExpectAsync("OK", "the console did not show the lost lead");
        await console.FinishAsync();
    }
}
