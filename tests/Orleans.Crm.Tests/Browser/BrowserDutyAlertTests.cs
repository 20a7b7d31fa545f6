using System.Net.Http.Headers;
using System.Net.Http.Json;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium shows the wall display of a store resting today with nobody assigned (DOMAIN §3): the duty
/// alert with the walk-in waiting for a manager; once a supervisor assigns the day, the alert goes away without a reload.
/// </summary>
public sealed class BrowserDutyAlertTests
{
    [Fact]
    public async Task TheWallDisplayAlertsAnUnassignedRestDayUntilSomeoneIsAssigned()
    {
        await using var gateway = LiveGateway.Start();
        var http = gateway.Http;
        var api = new BoardApi(http);
        var store = BoardApi.NewStoreId("rest");
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var hq = await api.TokenAsync("hq");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hq);
        (await http.PutAsJsonAsync($"/api/stores/{store}", new
        {
            name = $"公休门店 {store}",
            groups = new[] { new { managerId = $"{store}-m1", managerName = "周经理", designers = new[] { new { designerId = $"{store}-d1", name = "李设计", level = "senior" } } } },
            rotation = new[] { $"{store}-m1" },
            rotationStart = "2026-01-06",
            restDays = new[] { today.DayOfWeek.ToString().ToLowerInvariant() },
        })).EnsureSuccessStatusCode();
        await api.VisitAsync(store, hq);

        await using var display = await BrowserScript.StartAsync("duty-alert-check.mjs", new Uri(gateway.Address, $"/display/{store}"), "display-duty-alert.png");
        var alert = await display.ExpectAsync("ALERT", "no duty alert");
        Assert.Contains("无人值班", alert, StringComparison.Ordinal);

        (await http.PutAsJsonAsync($"/api/stores/{store}/duty/{today:yyyy-MM-dd}", new { managerId = $"{store}-m1" })).EnsureSuccessStatusCode();
        await display.SendAsync("ASSIGNED");
        var cleared = await display.ExpectAsync("CLEARED", "the alert stayed");
        Assert.Contains("周经理", cleared, StringComparison.Ordinal);
        await display.FinishAsync();
    }
}
