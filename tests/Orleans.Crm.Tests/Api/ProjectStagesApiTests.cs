using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains;
using Orleans.Crm.Tests.Grains;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// Issue 12's projects through the REST API (one in-memory gateway, the rules' clock faked): stages start/accept in
/// order, the review sent back, completion acceptance replacing <c>/complete</c>, change orders, delays, site visits, the
/// store's project list, and the project's callback tasks on <c>/api/tasks</c> — with 400/403/404/409 changing nothing.
/// </summary>
public sealed class ProjectStagesApiTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    private static readonly string[] Stages =
    [
        "measurement", "quote", "drawings", "review", "contract", "handover", "briefing", "work-order", "permits", "site-briefing",
        "crew-in", "materials-in", "trades", "staged-acceptance", "concealed-works", "waterproofing-test", "mid-term-settlement",
        "pre-acceptance", "completion-acceptance", "final-settlement",
    ];

    private readonly ApiHarness _api = fixture.Api;

    /// <summary>A store and a contract-signed project: (store, project id, manager id, designer id).</summary>
    private async Task<(TestStore Store, string ProjectId, string ManagerId, string DesignerId)> ProjectAsync(string? phone = null)
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, designerId, managerId) = await _api.DispatchedLeadAsync(store, phone);
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        var contract = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/contract", new { commandId = "c", amount = 200000, signerName = "王小明" }));
        return (store, contract.Str("projectId"), managerId, designerId);
    }

    /// <summary>Starts and accepts every stage before <paramref name="stage"/> as the store's supervisor.</summary>
    private static async Task WalkAsync(HttpClient supervisor, string projectId, string stage)
    {
        foreach (var s in Stages.TakeWhile(s => s != stage))
        {
            await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/{s}/start", new { commandId = $"start-{s}" }));
            await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/{s}/accept", new { commandId = $"accept-{s}", customerSigned = true }));
        }
    }

    private Task SweepAsync(string projectId) =>
        _api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectGrain>(projectId).AsReference<IRemindable>().ReceiveReminder("sweep", default);

    private static JsonNode Stage(JsonObject project, string stage) => project["stages"]!.AsArray().First(s => s!.Str("stage") == stage)!;

    [Fact]
    public async Task StagesRunInOrderAndTheProjectManagersCompletionAcceptanceFreesTheCustomerWhileCompleteAnswers409()
    {
        var phone = ApiHarness.NewPhone();
        var (store, projectId, managerId, designerId) = await ProjectAsync(phone);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        using var pm = await _api.ClientAsync("pm", store.StoreId, "pm-1");

        var fresh = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.GetAsync($"/api/projects/{projectId}"));
        await WalkAsync(supervisor, projectId, "completion-acceptance");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/completion-acceptance/start", new { commandId = "s" }));
        var accepted = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/completion-acceptance/accept", new { commandId = "a", note = "handed over", customerSigned = true }));
        var retried = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/completion-acceptance/accept", new { commandId = "a", note = "handed over", customerSigned = true }));
        var complete = await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/complete", new { commandId = "old" });

        Assert.Equal(Stages, fresh["stages"]!.AsArray().Select(s => s!.Str("stage")));
        Assert.All(fresh["stages"]!.AsArray(), s => Assert.Equal("pending", s!.Str("state")));
        Assert.Equal((store.StoreId, managerId, designerId, 200000m, "measurement"), (fresh.Str("storeId"), fresh.Str("managerId"), fresh.Str("designerId"), fresh["contractAmount"]!.GetValue<decimal>(), fresh.Str("currentStage")));
        Assert.Equal("王小明", fresh.Str("customerName"));
        Assert.Equal(("completed", "accepted", "pm-1", true), (accepted.Str("status"), Stage(accepted, "completion-acceptance").Str("state"), Stage(accepted, "completion-acceptance").Str("acceptedBy"), Stage(accepted, "completion-acceptance")["customerSigned"]!.GetValue<bool>()));
        Assert.Equal(("completed", "final-settlement"), (retried.Str("status"), retried.Str("currentStage")));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, complete, "projectId");

        // The customer is free: a new deposit opens project 2.
        var (nextLead, _, _) = await _api.DispatchedLeadAsync(store, phone);
        var next = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/leads/{nextLead}/deposit", new { commandId = "d2", amount = 3000, payerName = "王小明" }));
        Assert.EndsWith("-p2", next.Str("projectId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartingBeforeThePreviousAcceptanceIs409NamingItAndBadInputRolesAndScopesChangeNothing()
    {
        var (store, projectId, managerId, _) = await ProjectAsync();
        var other = await _api.StoreAsync(1, 1);
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        using var pm = await _api.ClientAsync("pm", store.StoreId, "pm-1");
        using var otherSupervisor = await _api.ClientAsync("supervisor", other.StoreId);
        using var service = await _api.ClientAsync("service");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/projects/{projectId}/stages/measurement/start", new { commandId = "m" }));
        var retry = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/projects/{projectId}/stages/measurement/start", new { commandId = "m" }));

        var early = await manager.PostAsJsonAsync($"/api/projects/{projectId}/stages/quote/start", new { commandId = "q" });
        var problem = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, early, "stage");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await manager.PostAsJsonAsync($"/api/projects/{projectId}/stages/painting/start", new { commandId = "p" }), "stage");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await manager.PostAsJsonAsync($"/api/projects/{projectId}/stages/measurement/accept", new { commandId = "u" }), "customerSigned");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await manager.PostAsJsonAsync($"/api/projects/{projectId}/stages/measurement/accept", new { customerSigned = true }), "commandId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await manager.PostAsJsonAsync($"/api/projects/{projectId[..^1]}9/stages/measurement/accept", new { commandId = "n", customerSigned = true }), "projectId");
        Assert.Equal(HttpStatusCode.Forbidden, (await pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/measurement/accept", new { commandId = "r", customerSigned = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSupervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/measurement/accept", new { commandId = "o", customerSigned = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSupervisor.GetAsync($"/api/projects/{projectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.PostAsJsonAsync($"/api/projects/{projectId}/stages/measurement/accept", new { commandId = "v", customerSigned = true })).StatusCode);

        Assert.Contains("measurement", problem["detail"]?.ToString() ?? problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("started", Stage(retry, "measurement").Str("state"));
        var now = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.GetAsync($"/api/projects/{projectId}"));
        Assert.Equal(("started", "pending", managerId), (Stage(now, "measurement").Str("state"), Stage(now, "quote").Str("state"), Stage(now, "measurement").Str("startedBy")));
    }

    [Fact]
    public async Task TheSupervisorApprovesTheReviewOrSendsItBackWithAReasonReopeningTheDrawings()
    {
        var (store, projectId, managerId, designerId) = await ProjectAsync();
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        using var designer = await _api.ClientAsync("designer", store.StoreId, designerId);
        await WalkAsync(supervisor, projectId, "review");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/projects/{projectId}/stages/review/start", new { commandId = "r1" }));

        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PostAsJsonAsync($"/api/projects/{projectId}/stages/review/accept", new { commandId = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PostAsJsonAsync($"/api/projects/{projectId}/stages/review/send-back", new { commandId = "y", reason = "mine" })).StatusCode);
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/review/send-back", new { commandId = "z" }), "reason");
        var sentBack = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/review/send-back", new { commandId = "sb", reason = "bathroom too small" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/projects/{projectId}/stages/drawings/accept", new { commandId = "d2", customerSigned = true }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/projects/{projectId}/stages/review/start", new { commandId = "r2" }));
        var approved = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/review/accept", new { commandId = "ok" }));

        Assert.Equal(("pending", "bathroom too small", "started", "drawings"), (Stage(sentBack, "review").Str("state"), Stage(sentBack, "review").Str("sentBackReason"), Stage(sentBack, "drawings").Str("state"), sentBack.Str("currentStage")));
        Assert.Equal(("accepted", "contract"), (Stage(approved, "review").Str("state"), approved.Str("currentStage")));
        Assert.NotNull(managerId);
    }

    [Fact]
    public async Task ChangeOrdersWaitForTheCustomersSignatureAndDelaysAndSiteVisitsAreRecordedByTheRightRoles()
    {
        var (store, projectId, _, designerId) = await ProjectAsync();
        using var designer = await _api.ClientAsync("designer", store.StoreId, designerId);
        using var otherDesigner = await _api.ClientAsync("designer", store.StoreId, "d-other");
        using var pm = await _api.ClientAsync("pm", store.StoreId, "pm-1");
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);

        var change = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/projects/{projectId}/changes", new { commandId = "c1", description = "add a skylight", cost = 8800 }));
        var changeId = change.Str("changeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await designer.PostAsJsonAsync($"/api/projects/{projectId}/changes", new { commandId = "c2", description = "free?", cost = 0 }), "cost");
        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.PostAsJsonAsync($"/api/projects/{projectId}/changes", new { commandId = "c3", description = "x", cost = 1 })).StatusCode);
        var signed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/projects/{projectId}/changes/{changeId}/sign", new { commandId = "s1" }));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await pm.PostAsJsonAsync($"/api/projects/{projectId}/changes/{changeId}/sign", new { commandId = "s2" }), "changeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await pm.PostAsJsonAsync($"/api/projects/{projectId}/changes/c99/sign", new { commandId = "s3" }), "changeId");

        var delay = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/projects/{projectId}/delays", new { commandId = "l1", days = 5, reason = "tiles late", customerSigned = true }));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await pm.PostAsJsonAsync($"/api/projects/{projectId}/delays", new { commandId = "l2", days = 0, reason = "x" }), "days");
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PostAsJsonAsync($"/api/projects/{projectId}/delays", new { commandId = "l3", days = 1, reason = "x" })).StatusCode);

        var visit = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/projects/{projectId}/site-visits", new { commandId = "v1", note = "checked the wiring" }));
        Assert.Equal(HttpStatusCode.Forbidden, (await otherDesigner.PostAsJsonAsync($"/api/projects/{projectId}/site-visits", new { commandId = "v2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pm.PostAsJsonAsync($"/api/projects/{projectId}/site-visits", new { commandId = "v3" })).StatusCode);

        Assert.Equal(("pending", 8800m), (change.Str("state"), change["cost"]!.GetValue<decimal>()));
        Assert.Equal(("signed", "pm-1"), (signed.Str("state"), signed.Str("signedBy")));
        Assert.Equal((5, true), (delay["days"]!.GetValue<int>(), delay["customerSigned"]!.GetValue<bool>()));
        Assert.Equal(designerId, visit["siteVisits"]!.AsArray().Single()!.Str("designerId"));
        var project = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.GetAsync($"/api/projects/{projectId}"));
        Assert.Equal((1, 1, 1), (project["changes"]!.AsArray().Count, project["delays"]!.AsArray().Count, project["siteVisits"]!.AsArray().Count));
    }

    [Fact]
    public async Task TheStoresProjectListIsReadFromTheJournalAndFiltersByTheStageAProjectIsAt()
    {
        var (store, first, _, _) = await ProjectAsync();
        var (leadId, _, managerId) = await _api.DispatchedLeadAsync(store);
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        var second = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/deposit", new { commandId = "d", amount = 5000, payerName = "王小明" }))).Str("projectId");
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);
        await WalkAsync(supervisor, first, "quote");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{first}/stages/quote/start", new { commandId = "q" }));
        var other = await _api.StoreAsync(1, 1);
        using var otherManager = await _api.ClientAsync("manager", other.StoreId, other.ManagerIds[0]);
        using var chainService = await _api.ClientAsync("service");

        var all = (await (await supervisor.GetAsync($"/api/stores/{store.StoreId}/projects")).Content.ReadFromJsonAsync<JsonArray>())!;
        var atQuote = (await (await chainService.GetAsync($"/api/stores/{store.StoreId}/projects?stage=quote")).Content.ReadFromJsonAsync<JsonArray>())!;
        var atMeasurement = (await (await supervisor.GetAsync($"/api/stores/{store.StoreId}/projects?stage=measurement")).Content.ReadFromJsonAsync<JsonArray>())!;

        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), all.Select(p => p!.Str("projectId")).Order(StringComparer.Ordinal));
        Assert.Equal((first, "quote", "started"), (atQuote.Single()!.Str("projectId"), atQuote.Single()!.Str("stage"), atQuote.Single()!.Str("stageState")));
        Assert.Equal(second, atMeasurement.Single()!.Str("projectId"));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.GetAsync($"/api/stores/{store.StoreId}/projects?stage=painting"), "stage");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherManager.GetAsync($"/api/stores/{store.StoreId}/projects")).StatusCode);
    }

    [Fact]
    public async Task TheManagersWeeklyCallbackAndTheServiceDesksAftercareCallbacksAreOnTheTaskListsAndClosedByTheRightPeople()
    {
        var (store, projectId, managerId, _) = await ProjectAsync();
        var other = await _api.StoreAsync(1, 1);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        using var service = await _api.ClientAsync("service", store.StoreId, "svc-1");
        using var otherService = await _api.ClientAsync("service", other.StoreId, "svc-9");
        using var chainService = await _api.ClientAsync("service", null, "hq-svc");
        using var pm = await _api.ClientAsync("pm", store.StoreId, "pm-1");

        await WalkAsync(supervisor, projectId, "crew-in");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/crew-in/start", new { commandId = "crew" }));
        var weekly = (await (await manager.GetAsync("/api/tasks?state=open")).Content.ReadFromJsonAsync<JsonArray>())!
            .Single(t => t!.Str("leadId") == projectId)!;
        Assert.Equal(HttpStatusCode.Forbidden, (await pm.PostAsJsonAsync($"/api/tasks/{weekly.Str("taskId")}/done", new { commandId = "x" })).StatusCode);
        var weeklyDone = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/tasks/{weekly.Str("taskId")}/done", new { commandId = "w1", note = "called" }));

        await WalkFromAsync(supervisor, projectId, "crew-in", "completion-acceptance");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/completion-acceptance/start", new { commandId = "ca" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/completion-acceptance/accept", new { commandId = "cb", customerSigned = true }));
        await SweepAsync(projectId);

        var desk = $"service:{store.StoreId}";
        var storeList = (await (await service.GetAsync("/api/tasks")).Content.ReadFromJsonAsync<JsonArray>())!;
        var deskOnly = (await (await service.GetAsync($"/api/tasks?assignee={desk}")).Content.ReadFromJsonAsync<JsonArray>())!;
        var chainList = (await (await chainService.GetAsync("/api/tasks?state=open")).Content.ReadFromJsonAsync<JsonArray>())!;
        var otherList = (await (await otherService.GetAsync("/api/tasks")).Content.ReadFromJsonAsync<JsonArray>())!;
        var aftercare = storeList.Single()!;
        var taskId = aftercare.Str("taskId");

        Assert.Equal(HttpStatusCode.Forbidden, (await otherService.GetAsync($"/api/tasks?assignee={desk}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/tasks?assignee={desk}")).StatusCode);
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.GetAsync("/api/tasks?assignee=service:bad%20store"), "assignee");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherService.PostAsJsonAsync($"/api/tasks/{taskId}/done", new { commandId = "o" })).StatusCode);
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await service.PostAsJsonAsync($"/api/tasks/{projectId}.aftercare-d99-callback/done", new { commandId = "n" }), "taskId");
        var done = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await chainService.PostAsJsonAsync($"/api/tasks/{taskId}/done", new { commandId = "d", note = "all fine" }));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await service.PostAsJsonAsync($"/api/tasks/{taskId}/done", new { commandId = "d2" }), "taskId");

        Assert.Equal(("done", managerId), (weeklyDone.Str("state"), weeklyDone.Str("closedBy")));
        Assert.Equal(($"{projectId}.aftercare-d3-callback", desk, "aftercare-callback"), (taskId, aftercare.Str("assigneeId"), aftercare.Str("rule")));
        Assert.Equal([taskId], deskOnly.Select(t => t!.Str("taskId")));
        Assert.Contains(chainList, t => t!.Str("taskId") == taskId);
        Assert.DoesNotContain(otherList, t => t!.Str("taskId") == taskId);
        Assert.Equal(("done", "hq-svc"), (done.Str("state"), done.Str("closedBy")));
    }

    [Fact]
    public async Task AProblemHeardOnAnAftercareCallbackBecomesADepartmentTicketAndARecheckOnce()
    {
        var (store, projectId, _, _) = await ProjectAsync();
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        using var service = await _api.ClientAsync("service", store.StoreId, "svc-1");
        using var designer = await _api.ClientAsync("designer", store.StoreId, "d-9");
        await WalkAsync(supervisor, projectId, "final-settlement");
        await SweepAsync(projectId);
        var callback = $"{projectId}.aftercare-d3-callback";
        var problem = new { commandId = "p1", department = "construction", description = "卫生间墙角渗水 damp corner in the bathroom" };

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync($"/api/tasks/{callback}/problem", problem with { department = "plumbers" }), "department");
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PostAsJsonAsync($"/api/tasks/{callback}/problem", problem)).StatusCode);
        var raised = (await (await service.PostAsJsonAsync($"/api/tasks/{callback}/problem", problem)).Content.ReadFromJsonAsync<JsonArray>())!;
        var again = (await (await service.PostAsJsonAsync($"/api/tasks/{callback}/problem", problem)).Content.ReadFromJsonAsync<JsonArray>())!;
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await service.PostAsJsonAsync($"/api/tasks/{callback}/problem", problem with { commandId = "p2" }), "taskId");

        Assert.Equal([$"{projectId}.aftercare-d3-ticket", $"{projectId}.aftercare-d3-recheck"], raised.Select(t => t!.Str("taskId")));
        Assert.Equal(raised.Select(t => t!.Str("taskId")), again.Select(t => t!.Str("taskId")));
        var now = fixture.Clock.GetUtcNow();
        Assert.Equal(
            [($"construction:{store.StoreId}", now.AddHours(1)), ($"service:{store.StoreId}", now.AddHours(24))],
            raised.Select(t => (t!.Str("assigneeId"), t!["dueAt"]!.GetValue<DateTimeOffset>())));
        var open = (await (await service.GetAsync("/api/tasks?state=open")).Content.ReadFromJsonAsync<JsonArray>())!.Select(t => t!.Str("taskId")).ToList();
        Assert.Contains($"{projectId}.aftercare-d3-recheck", open);
        Assert.DoesNotContain(callback, open);
    }

    [Fact]
    public async Task TheProjectManagerClosesAProjectsConstructionTicketAndCustomerServiceItsRecheck()
    {
        var (store, projectId, _, _) = await ProjectAsync();
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        using var service = await _api.ClientAsync("service", store.StoreId, "svc-1");
        using var pm = await _api.ClientAsync("pm", store.StoreId, "pm-1");
        using var otherPm = await _api.ClientAsync("pm", (await _api.StoreAsync(1, 1)).StoreId, "pm-9");
        await WalkAsync(supervisor, projectId, "final-settlement");
        await SweepAsync(projectId);
        var raised = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/tasks/{projectId}.aftercare-d3-callback/problem", new { commandId = "p1", department = "construction", description = "cabinet door hangs loose" })))["array"]!.AsArray();
        var (ticket, recheck) = (raised[0]!.Str("taskId"), raised[1]!.Str("taskId"));

        Assert.Equal(HttpStatusCode.Forbidden, (await pm.PostAsJsonAsync($"/api/tasks/{recheck}/done", new { commandId = "t0" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherPm.PostAsJsonAsync($"/api/tasks/{ticket}/done", new { commandId = "t0" })).StatusCode);
        var fixedIt = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/tasks/{ticket}/done", new { commandId = "t1", note = "hinge replaced" }));
        var checkedIt = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/tasks/{recheck}/done", new { commandId = "t2", note = "door fine" }));

        Assert.Equal(($"{projectId}.aftercare-d3-ticket", $"construction:{store.StoreId}"), (ticket, raised[0]!.Str("assigneeId")));
        Assert.Equal(("done", "pm-1", "done", "svc-1"), (fixedIt.Str("state"), fixedIt.Str("closedBy"), checkedIt.Str("state"), checkedIt.Str("closedBy")));
    }

    [Fact]
    public async Task TheCallbackReportShowsEachManagersWeeklyCallbacksForTheStoresReadersOnly()
    {
        var (store, projectId, managerId, _) = await ProjectAsync();
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        using var pm = await _api.ClientAsync("pm", store.StoreId, "pm-1");
        await WalkAsync(supervisor, projectId, "crew-in");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/crew-in/start", new { commandId = "crew" }));
        var weekly = (await (await manager.GetAsync("/api/tasks?state=open")).Content.ReadFromJsonAsync<JsonArray>())!.Single(t => t!.Str("leadId") == projectId)!;
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/tasks/{weekly.Str("taskId")}/done", new { commandId = "w1" }));
        var dueAt = weekly["dueAt"]!.GetValue<DateTimeOffset>();
        fixture.Clock.Advance(dueAt - fixture.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        var month = dueAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var report = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/reports/callbacks?month={month}"));

        var row = report["managers"]!.AsArray().Single()!;
        Assert.Equal((managerId, 1, 1, 10m), (row.Str("managerId"), row["due"]!.GetValue<int>(), row["onTime"]!.GetValue<int>(), row["score"]!.GetValue<decimal>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await pm.GetAsync($"/api/stores/{store.StoreId}/reports/callbacks?month={month}")).StatusCode);
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.GetAsync($"/api/stores/{store.StoreId}/reports/callbacks?month=2026-13"), "month");
    }

    private static async Task WalkFromAsync(HttpClient supervisor, string projectId, string started, string until)
    {
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/{started}/accept", new { commandId = $"accept-{started}", customerSigned = true }));
        foreach (var s in Stages.SkipWhile(s => s != started).Skip(1).TakeWhile(s => s != until))
        {
            await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/{s}/start", new { commandId = $"start-{s}" }));
            await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/{s}/accept", new { commandId = $"accept-{s}", customerSigned = true }));
        }
    }
}
