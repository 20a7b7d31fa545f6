using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium opens the staff console as a store's supervisor and records a designer's leave (离职) in the
/// staff panel: the panel lists the designer's lead and where it went, and the live board drops the designer.
/// </summary>
public sealed class BrowserStaffTests
{
    [Fact]
    public async Task TheSupervisorRecordsADesignersLeaveAndSeesTheLeadReDispatchedAndTheBoardWithoutThem()
    {
        await using var gateway = LiveGateway.Start();
        var api = new BoardApi(gateway.Http);
        var store = BoardApi.NewStoreId("staff");
        await api.CreateStoreAsync(store);
        var hq = await api.TokenAsync("hq");
        var leadId = await api.VisitAsync(store, hq);
        var dispatched = await api.DispatchAsync(leadId, $"{store}-m1", hq);
        var designerId = dispatched.GetProperty("designerId").GetString()!;
        Assert.Equal($"{store}-d1", designerId);

        await using var console = await BrowserScript.StartAsync("staff-leave-check.mjs", new Uri(gateway.Address, "/console"), "console-staff.png", store, designerId, "李设计", leadId);
        var shown = await console.ExpectAsync("OK", "the console did not record the leave");

        Assert.Contains("re-dispatched", shown, StringComparison.Ordinal);
        Assert.Contains($"{store}-d2", shown, StringComparison.Ordinal);
        await console.FinishAsync();
    }
}
