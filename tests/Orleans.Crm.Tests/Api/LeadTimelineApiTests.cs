using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// Issue 15's lead page (<c>GET /api/leads/{leadId}/timeline</c>): one timeline in names, the actions the caller may
/// take now, masked and scoped like the lead itself.
/// </summary>
public sealed class LeadTimelineApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task TheTimelineTellsRegistrationDispatchInNamesFollowUpAndDepositInOrderAndTheContractIsOfferedOnlyAfterTheDeposit()
    {
        var store = await _api.StoreAsync(2, 2);
        var visit = await _api.VisitAsync(store, name: "孙女士");
        var (leadId, owner) = (visit.Str("leadId"), visit.Str("managerId"));
        using var manager = await _api.ClientAsync("manager", store.StoreId, owner);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup");

        var fresh = await Timeline(manager, leadId);
        var dispatched = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = ApiHarness.NewCommandId() }));
        var designerId = dispatched.Str("designerId");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/follow-ups", new { commandId = ApiHarness.NewCommandId(), note = "客户周末来量房" }));
        var beforeDeposit = await Timeline(manager, leadId);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/deposit", new { commandId = ApiHarness.NewCommandId(), amount = 5000, payerName = "孙女士" }));
        var afterDeposit = await Timeline(manager, leadId);
        var asSupervisor = await Timeline(supervisor, leadId);

        Assert.Equal(["dispatch", "override", "key-follow-up", "follow-up", "close"], Actions(fresh));
        Assert.DoesNotContain("contract", Actions(beforeDeposit));
        Assert.Contains("deposit", Actions(beforeDeposit));
        Assert.DoesNotContain("dispatch", Actions(beforeDeposit));
        Assert.Contains("contract", Actions(afterDeposit));
        Assert.DoesNotContain("deposit", Actions(afterDeposit));
        Assert.DoesNotContain("close", Actions(afterDeposit));
        Assert.DoesNotContain("deposit-refunded", Actions(afterDeposit));
        Assert.Contains("deposit-refunded", Actions(asSupervisor));

        var timeline = afterDeposit["timeline"]!.AsArray();
        Assert.Equal(["registered", "dispatched", "follow-up", "deposit"], timeline.Select(e => e!.Str("kind")).Where(k => k != "task"));
        var at = timeline.Select(e => DateTimeOffset.Parse(e!.Str("at"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(at.Order(), at);
        var dispatch = timeline.Single(e => e!.Str("kind") == "dispatched")!;
        var designerName = afterDeposit.Str("designerName");
        Assert.StartsWith("Designer ", designerName, StringComparison.Ordinal);
        Assert.Contains(designerName, dispatch.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain(designerId, dispatch.Str("detail"), StringComparison.Ordinal);
        Assert.NotEmpty(dispatch["lines"]!.AsArray());
        Assert.All(dispatch["lines"]!.AsArray(), line => Assert.DoesNotContain(designerId, line!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains("客户周末来量房", timeline.Single(e => e!.Str("kind") == "follow-up")!.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("5000", timeline.Single(e => e!.Str("kind") == "deposit")!.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("登记", timeline[0]!.Str("title"), StringComparison.Ordinal);
        Assert.Contains("Registered", timeline[0]!.Str("title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADesignerWhoDoesNotHoldTheLeadSeesItMaskedWithNoActionsAndTheHolderMayRefuseOrFollowUp()
    {
        var store = await _api.StoreAsync(1, 2);
        var (leadId, holderId, _) = await _api.DispatchedLeadAsync(store, "13912345678");
        var otherId = store.AllDesigners.First(d => d != holderId);
        using var holder = await _api.ClientAsync("designer", store.StoreId, holderId);
        using var other = await _api.ClientAsync("designer", store.StoreId, otherId);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId, "fd-1");

        var asHolder = await Timeline(holder, leadId);
        var asOther = await Timeline(other, leadId);
        var asFrontDesk = await Timeline(frontDesk, leadId);

        Assert.Equal(["refuse", "follow-up"], Actions(asHolder));
        Assert.Equal("13912345678", asHolder["lead"]!.Str("phone"));
        Assert.Empty(Actions(asOther));
        Assert.Equal("139****5678", asOther["lead"]!.Str("phone"));
        Assert.DoesNotContain("13912345678", asOther.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(Actions(asFrontDesk));
    }

    [Fact]
    public async Task AConflictWithTheOtherStoresLeadIsOnTheTimelineAndTheLeadIsScopedLikeTheLeadItself()
    {
        var (a, b) = (await _api.StoreAsync(1, 1), await _api.StoreAsync(1, 1));
        var phone = ApiHarness.NewPhone();
        await _api.VisitAsync(a, phone);
        var second = (await _api.VisitAsync(b, phone)).Str("leadId");
        using var hq = await _api.HqAsync();
        using var otherStore = await _api.ClientAsync("supervisor", a.StoreId, "sup-a");

        var page = await Timeline(hq, second);

        var conflict = page["timeline"]!.AsArray().Single(e => e!.Str("kind") == "conflict")!;
        Assert.Contains(a.StoreId, conflict.Str("detail"), StringComparison.Ordinal);
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await otherStore.GetAsync($"/api/leads/{second}/timeline"));
        await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/leads/{ApiHarness.NewId("l")}/timeline"));
    }

    private static async Task<JsonObject> Timeline(HttpClient client, string leadId) =>
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync($"/api/leads/{leadId}/timeline"));

    private static List<string> Actions(JsonObject page) => [.. page["actions"]!.AsArray().Select(a => a!.GetValue<string>())];
}
