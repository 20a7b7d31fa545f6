using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// Issue 15's work lists (<c>GET /api/my/leads</c>): each role sees its own list of its own store, folded from the
/// journal, with people in names, status colours and days since the last follow-up on the rules' clock.
/// </summary>
public sealed class MyWorkApiTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task AManagerSeesTheirOwnOpenLeadsInNamesWithColourAndDaysSinceTheLastFollowUp()
    {
        var store = await _api.StoreAsync(2, 2);
        var first = await _api.VisitAsync(store, name: "张三");
        var second = await _api.VisitAsync(store, name: "李四");
        var third = await _api.VisitAsync(store, name: "王五");
        var owner = first.Str("managerId");
        var other = store.ManagerIds.First(m => m != owner);
        using var manager = await _api.ClientAsync("manager", store.StoreId, owner);
        using var otherManager = await _api.ClientAsync("manager", store.StoreId, other);
        var dispatched = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{first.Str("leadId")}/dispatch", new { commandId = ApiHarness.NewCommandId() }));
        fixture.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{first.Str("leadId")}/follow-ups", new { commandId = ApiHarness.NewCommandId(), note = "约了量房 measurement booked" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{second.Str("leadId")}/close", new { commandId = ApiHarness.NewCommandId(), outcome = "invalid", reason = "other" }));

        var open = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync("/api/my/leads"));
        var all = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync("/api/my/leads?state=all"));
        var others = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await otherManager.GetAsync("/api/my/leads"));

        Assert.Equal(("manager", store.StoreId), (open.Str("list"), open.Str("storeId")));
        var leads = open["leads"]!.AsArray();
        Assert.Equal(["张三", "王五"], leads.Select(l => l!.Str("name")));
        var followed = leads[0]!;
        var designerId = dispatched.Str("designerId");
        var designerIndex = store.DesignerIds.Select((g, i) => (g, i)).First(x => x.g.Contains(designerId));
        Assert.Equal(($"Designer {designerIndex.i}.{designerIndex.g.ToList().IndexOf(designerId)}", designerId, 0, "black"),
            (followed.Str("designerName"), followed.Str("designerId"), followed["daysSinceFollowUp"]!.GetValue<int>(), followed.Str("colour")));
        Assert.Equal($"Manager {store.ManagerIds.ToList().IndexOf(owner)}", followed.Str("managerName"));
        Assert.False(string.IsNullOrEmpty(followed.Str("lastFollowUpAt")));
        Assert.Equal((third.Str("leadId"), 2), (leads[1]!.Str("leadId"), leads[1]!["daysSinceFollowUp"]!.GetValue<int>()));
        Assert.Null(leads[1]!["lastFollowUpAt"]?.GetValue<string>());
        var closed = all["leads"]!.AsArray().Single(l => l!.Str("leadId") == second.Str("leadId"))!;
        Assert.Equal(("yellow", false, 2), (closed.Str("colour"), closed["open"]!.GetValue<bool>(), closed["daysSinceFollowUp"]!.GetValue<int>()));
        Assert.Empty(others["leads"]!.AsArray());
    }

    [Fact]
    public async Task ADesignerSeesOnlyTheLeadsTheyHoldAndTheFrontDeskOnlyTodaysRegistrations()
    {
        var store = await _api.StoreAsync(1, 2);
        var yesterday = await _api.VisitAsync(store, name: "昨天");
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var (held, designerId, _) = await _api.DispatchedLeadAsync(store);
        var notHeld = (await _api.VisitAsync(store, name: "没派")).Str("leadId");
        using var designer = await _api.ClientAsync("designer", store.StoreId, designerId);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId, "fd-1");
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup");

        var mine = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.GetAsync("/api/my/leads"));
        var today = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync("/api/my/leads"));
        var storeLeads = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync("/api/my/leads"));

        Assert.Equal("designer", mine.Str("list"));
        var row = Assert.Single(mine["leads"]!.AsArray())!;
        Assert.Equal((held, "王小明"), (row.Str("leadId"), row.Str("name")));
        Assert.DoesNotContain("*", row.Str("phone"), StringComparison.Ordinal);
        Assert.Equal("frontdesk", today.Str("list"));
        Assert.Equal([held, notHeld], today["leads"]!.AsArray().Select(l => l!.Str("leadId")));
        Assert.Equal("store", storeLeads.Str("list"));
        Assert.Equal([yesterday.Str("leadId"), held, notHeld], storeLeads["leads"]!.AsArray().Select(l => l!.Str("leadId")));
    }

    [Fact]
    public async Task TheListIsScopedToTheCallersStoreAndRefusedToRolesWithoutOne()
    {
        var store = await _api.StoreAsync(1, 1);
        await _api.VisitAsync(store);
        using var otherSupervisor = await _api.ClientAsync("supervisor", "elsewhere", "sup2");
        using var service = await _api.ClientAsync("service", store.StoreId, "cs-1");
        using var pm = await _api.ClientAsync("pm", store.StoreId, "pm-1");
        using var hq = await _api.HqAsync();
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await otherSupervisor.GetAsync($"/api/my/leads?storeId={store.StoreId}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await service.GetAsync("/api/my/leads"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await pm.GetAsync("/api/my/leads"));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync("/api/my/leads"), "storeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await manager.GetAsync("/api/my/leads?state=closed"), "state");
        await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/my/leads?storeId={ApiHarness.NewId("s")}"));
        var asHq = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/my/leads?storeId={store.StoreId}"));
        Assert.Equal(("store", 1), (asHq.Str("list"), asHq["leads"]!.AsArray().Count));
    }
}
