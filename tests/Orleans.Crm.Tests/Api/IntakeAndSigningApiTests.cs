using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Crm.Tests.Api;

/// <summary>Issue 11's routes: who dispatches, fault slips, close reasons and the lost report, follow-up tasks.</summary>
public sealed class IntakeAndSigningApiTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    private const string Month = "2026-11";
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task AnotherManagersDispatchIsRefusedWith403NamingWhoseLeadItIsAndChangesNothing()
    {
        var store = await _api.StoreAsync(2, 2);
        var visit = await _api.VisitAsync(store);
        var (leadId, owner) = (visit.Str("leadId"), visit.Str("managerId"));
        var other = store.ManagerIds.First(m => m != owner);
        using var intruder = await _api.ClientAsync("manager", store.StoreId, other);
        using var manager = await _api.ClientAsync("manager", store.StoreId, owner);
        using var hq = await _api.HqAsync();

        var refused = await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden,
            await intruder.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = ApiHarness.NewCommandId() }));
        var asOwner = await intruder.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = ApiHarness.NewCommandId(), managerId = owner });
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{leadId}"));

        Assert.Equal(owner, refused.Str("managerId"));
        Assert.Contains(owner, refused.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, asOwner.StatusCode);
        Assert.Null(lead["designerId"]?.GetValue<string>());
        Assert.Empty(lead["dispatches"]!.AsArray());
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = ApiHarness.NewCommandId() }));
    }

    [Fact]
    public async Task TheStoresSupervisorAndHqDispatchAnyLeadOfTheirScope()
    {
        var store = await _api.StoreAsync(2, 2);
        var first = (await _api.VisitAsync(store)).Str("leadId");
        var second = (await _api.VisitAsync(store)).Str("leadId");
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup");
        using var otherSupervisor = await _api.ClientAsync("supervisor", "elsewhere", "sup2");
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await otherSupervisor.PostAsJsonAsync($"/api/leads/{first}/dispatch", new { commandId = ApiHarness.NewCommandId() }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/leads/{first}/dispatch", new { commandId = ApiHarness.NewCommandId() }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{second}/dispatch", new { commandId = ApiHarness.NewCommandId() }));
    }

    [Fact]
    public async Task ARuleBreakingOverrideAppearsOnTheStoresFaultSlipsOfTheMonth()
    {
        var store = await _api.StoreAsync(2, 2);
        var visit = await _api.VisitAsync(store);
        var (leadId, owner) = (visit.Str("leadId"), visit.Str("managerId"));
        var otherGroup = store.DesignerIds[1 - store.ManagerIds.ToList().IndexOf(owner)][0];
        using var manager = await _api.ClientAsync("manager", store.StoreId, owner);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup");
        using var designer = await _api.ClientAsync("designer", store.StoreId, otherGroup);
        using var otherStore = await _api.ClientAsync("supervisor", "elsewhere", "sup2");

        var dispatched = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/dispatch",
            new { commandId = ApiHarness.NewCommandId(), designerId = otherGroup, reason = "friend of the family" }));
        var slips = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/fault-slips?month={Month}"));

        Assert.True(dispatched["override"]!.GetValue<bool>());
        Assert.Equal(Month, slips.Str("month"));
        var slip = Assert.Single(slips["faultSlips"]!.AsArray())!;
        Assert.Equal((owner, leadId, "friend of the family", otherGroup), (slip.Str("managerId"), slip.Str("leadId"), slip.Str("reason"), slip.Str("designerId")));
        Assert.Equal("own-group-first", slip["rules"]![0]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(slip.Str("ruleBroken")));
        Assert.False(string.IsNullOrEmpty(slip.Str("at")));
        Assert.Empty((await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/fault-slips?month=2026-10")))["faultSlips"]!.AsArray());
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await designer.GetAsync($"/api/stores/{store.StoreId}/fault-slips?month={Month}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await otherStore.GetAsync($"/api/stores/{store.StoreId}/fault-slips?month={Month}"));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.GetAsync($"/api/stores/{store.StoreId}/fault-slips?month=2026-13"), "month");
        using var hq = await _api.HqAsync();
        await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/stores/{ApiHarness.NewId("s")}/fault-slips?month={Month}"));
    }

    [Fact]
    public async Task ARefusalIsCountedOnTheDesignersRecord()
    {
        var store = await _api.StoreAsync(1, 2);
        var (leadId, designerId, _) = await _api.DispatchedLeadAsync(store);
        using var designer = await _api.ClientAsync("designer", store.StoreId, designerId);

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/leads/{leadId}/refuse", new { commandId = ApiHarness.NewCommandId(), reason = "too far away" }));
        var record = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.GetAsync($"/api/designers/{designerId}"));

        Assert.Equal(1, record["refusals"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("lost", null, "a", "reason")]
    [InlineData("lost", "bored", "a", "reason")]
    [InlineData("lost", "price", null, "analysis")]
    [InlineData("invalid", null, null, "reason")]
    public async Task AClosingWithoutAValidReasonOrALostOneWithoutAnAnalysisIs400AndLeavesTheLeadOpen(string outcome, string? reason, string? analysis, string field)
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, designerId, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();

        var response = await hq.PostAsJsonAsync($"/api/leads/{leadId}/close", new { commandId = ApiHarness.NewCommandId(), outcome, reason, analysis });

        var problem = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, response, field);
        if (field == "reason")
        {
            Assert.Contains("price, design, competitor, postponed, unreachable, no-need, other", problem["errors"]!["reason"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{leadId}"));
        Assert.True(lead["open"]!.GetValue<bool>());
        Assert.Equal(designerId, lead.Str("designerId"));
    }

    [Fact]
    public async Task TheLostReportListsEachManagersLostLeadsByReasonWithTheirAnalyses()
    {
        var store = await _api.StoreAsync(2, 2);
        using var hq = await _api.HqAsync();
        var first = await _api.VisitAsync(store);
        var second = await _api.VisitAsync(store);
        var owner = first.Str("managerId");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{first.Str("leadId")}/close",
            new { commandId = ApiHarness.NewCommandId(), outcome = "lost", reason = "competitor", analysis = "rival offered free design" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{second.Str("leadId")}/close",
            new { commandId = ApiHarness.NewCommandId(), outcome = "invalid", reason = "no-need" }));
        using var manager = await _api.ClientAsync("manager", store.StoreId, owner);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId, "fd");

        var report = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/stores/{store.StoreId}/reports/lost?month={Month}"));

        Assert.Equal((Month, 1), (report.Str("month"), report["total"]!.GetValue<int>()));
        var row = Assert.Single(report["managers"]!.AsArray())!;
        Assert.Equal(owner, row.Str("managerId"));
        Assert.Equal(("competitor", 1), (row["byReason"]![0]!.Str("reason"), row["byReason"]![0]!["count"]!.GetValue<int>()));
        Assert.Equal("rival offered free design", row["analyses"]![0]!.Str("analysis"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await frontDesk.GetAsync($"/api/stores/{store.StoreId}/reports/lost?month={Month}"));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync($"/api/stores/{store.StoreId}/reports/lost?month=11-2026"), "month");
    }

    [Fact]
    public async Task TheThreeDayRulesTasksAreListedForTheirAssigneesAndTheSupervisorWithDueTimes()
    {
        var store = await _api.StoreAsync(1, 2);
        var (leadId, designerId, managerId) = await _api.DispatchedLeadAsync(store);
        fixture.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await fixture.SweepAsync(store.StoreId);
        await fixture.SweepAsync(store.StoreId);
        using var designer = await _api.ClientAsync("designer", store.StoreId, designerId);
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup");
        using var otherSupervisor = await _api.ClientAsync("supervisor", "elsewhere", "sup2");

        var mine = await ListAsync(designer, $"/api/tasks?assignee={designerId}&state=open");
        var defaulted = await ListAsync(manager, "/api/tasks");
        var store_ = await ListAsync(supervisor, "/api/tasks?state=open");

        var task = Assert.Single(mine);
        Assert.Equal(($"{leadId}.three-day-follow-up", leadId, "open", "three-day"), (task.Str("taskId"), task.Str("leadId"), task.Str("state"), task.Str("rule")));
        Assert.False(string.IsNullOrEmpty(task.Str("dueAt")));
        Assert.Equal($"{leadId}.three-day-callback", Assert.Single(defaulted).Str("taskId"));
        Assert.Equal(2, store_.Count);
        Assert.Empty(await ListAsync(otherSupervisor, "/api/tasks?state=open"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await designer.GetAsync($"/api/tasks?assignee={managerId}"));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await designer.GetAsync("/api/tasks?state=finished"), "state");
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await otherSupervisor.GetAsync($"/api/tasks?storeId={store.StoreId}"));
    }

    [Fact]
    public async Task ATaskIsDoneByItsAssigneeOnceAndOthersAreRefused()
    {
        var store = await _api.StoreAsync(1, 2);
        var (leadId, designerId, managerId) = await _api.DispatchedLeadAsync(store);
        fixture.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await fixture.SweepAsync(store.StoreId);
        var followUp = $"{leadId}.three-day-follow-up";
        var callback = $"{leadId}.three-day-callback";
        using var designer = await _api.ClientAsync("designer", store.StoreId, designerId);
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup");
        using var otherStore = await _api.ClientAsync("supervisor", "elsewhere", "sup2");

        var refused = await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.PostAsJsonAsync($"/api/tasks/{followUp}/done", new { commandId = "t1" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await otherStore.PostAsJsonAsync($"/api/tasks/{followUp}/done", new { commandId = "t1" }));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await designer.PostAsJsonAsync($"/api/tasks/{followUp}/done", new { note = "no id" }), "commandId");
        Assert.Equal("open", Assert.Single(await ListAsync(designer, "/api/tasks?state=open")).Str("state"));

        var done = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/tasks/{followUp}/done", new { commandId = "t1", note = "measured next Tuesday" }));
        var repeat = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/tasks/{followUp}/done", new { commandId = "t1", note = "measured next Tuesday" }));
        var again = await designer.PostAsJsonAsync($"/api/tasks/{followUp}/done", new { commandId = "t2" });
        var bySupervisor = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/tasks/{callback}/done", new { commandId = "t3" }));

        Assert.Equal(designerId, refused.Str("assigneeId"));
        Assert.Equal(("done", designerId, "measured next Tuesday"), (done.Str("state"), done.Str("closedBy"), done.Str("closingNote")));
        Assert.Equal(done.ToJsonString(), repeat.ToJsonString());
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, again, "taskId");
        Assert.Equal(("done", "sup"), (bySupervisor.Str("state"), bySupervisor.Str("closedBy")));
        Assert.Empty(await ListAsync(designer, "/api/tasks?state=open"));
        Assert.Equal("done", Assert.Single(await ListAsync(designer, "/api/tasks?state=done")).Str("state"));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await supervisor.PostAsJsonAsync($"/api/tasks/{leadId}.no-such-rule/done", new { commandId = "t4" }), "taskId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await supervisor.PostAsJsonAsync($"/api/tasks/{store.StoreId}-999.three-day-callback/done", new { commandId = "t5" }), "taskId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PostAsJsonAsync("/api/tasks/bad:id/done", new { commandId = "t6" }), "taskId");
    }

    [Fact]
    public async Task RecordingAFollowUpCompletesTheLeadsOpenTasks()
    {
        var store = await _api.StoreAsync(1, 2);
        var (leadId, designerId, _) = await _api.DispatchedLeadAsync(store);
        fixture.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await fixture.SweepAsync(store.StoreId);
        using var designer = await _api.ClientAsync("designer", store.StoreId, designerId);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup");

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/leads/{leadId}/follow-ups", new { commandId = ApiHarness.NewCommandId(), note = "customer will call back" }));

        var tasks = await ListAsync(supervisor, "/api/tasks");
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(("done", designerId), (t.Str("state"), t.Str("closedBy"))));
    }

    [Fact]
    public async Task ATaskOverdueByMoreThanADayIsFlaggedOnTheSupervisorsOwnList()
    {
        var store = await _api.StoreAsync(1, 2);
        var (leadId, _, managerId) = await _api.DispatchedLeadAsync(store);
        fixture.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await fixture.SweepAsync(store.StoreId);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup");
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);

        var before = await ListAsync(supervisor, "/api/tasks?assignee=sup&state=open");
        fixture.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        var after = await ListAsync(supervisor, "/api/tasks?assignee=sup&state=open");
        var managers = await ListAsync(manager, "/api/tasks?state=open");

        Assert.Empty(before);
        Assert.Equal(2, after.Count);
        Assert.All(after, t => Assert.True(t["escalated"]!.GetValue<bool>() && t.Str("leadId") == leadId));
        Assert.True(Assert.Single(managers)["overdue"]!.GetValue<bool>());
    }

    private static async Task<IReadOnlyList<JsonNode>> ListAsync(HttpClient client, string path)
    {
        var body = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync(path));
        return [.. body["array"]!.AsArray().Select(n => n!)];
    }
}
