using System.Text.Json;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium finds a returning customer on the staff console by typing part of their phone number into
/// the search box, and opens the lead by clicking the result (issue 15).
/// </summary>
public sealed class BrowserSearchTests
{
    [Fact]
    public async Task AManagerTypesPartOfAPhoneNumberIntoTheConsoleSearchAndOpensTheLeadByClickingTheResult()
    {
        await using var gateway = LiveGateway.Start();
        var api = new BoardApi(gateway.Http);
        var store = BoardApi.NewStoreId("find");
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        var phone = "137" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await api.VisitAsync(store, manager, "周小燕", "13900001111");
        var leadId = await api.VisitAsync(store, manager, "钱多多", phone);

        // The last six digits, typed the way people say them.
        var partial = $"{phone[5..8]} {phone[8..]}";
        await using var console = await BrowserScript.StartAsync("search-check.mjs", new Uri(gateway.Address, "/console"), "console-search.png", "manager", store, $"{store}-m1", partial, leadId);
        var ok = await console.ExpectAsync("OK", "the console search did not find and open the lead");
        await console.FinishAsync();

        var seen = JsonDocument.Parse(ok["OK ".Length..]).RootElement;
        Assert.Contains(seen.GetProperty("lines").EnumerateArray(), l => l.GetString()!.Contains("钱多多", StringComparison.Ordinal) && l.GetString()!.Contains(phone, StringComparison.Ordinal));
        Assert.DoesNotContain(seen.GetProperty("lines").EnumerateArray(), l => l.GetString()!.Contains("周小燕", StringComparison.Ordinal));
        Assert.Contains(phone, seen.GetProperty("lead").GetString(), StringComparison.Ordinal);
        Assert.Empty(seen.GetProperty("errors").EnumerateArray());
    }
}
