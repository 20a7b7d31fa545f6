using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Model;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// After-sales repairs through the REST API on a gateway with a fake clock: <c>POST /api/repairs</c>, the flow routes,
/// the store's list, the repair's callbacks on <c>GET /api/tasks</c> for customer service (the store's and HQ's), and
/// <c>POST /api/tasks/{taskId}/problem</c> — with roles, scopes, and 400/403/404/409 that change nothing.
/// </summary>
public sealed class RepairsApiTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    private const string Categories = "waterproofing, plumbing, electrical, carpentry, tiling, painting, other";

    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task ServiceRunsARepairThroughARejectedVisitToAcceptanceAndItsCallbackIsOnTheServiceLists()
    {
        var (store, projectId) = await CompletedProjectAsync();
        var other = await _api.StoreAsync(1, 1);
        using var service = await _api.ClientAsync("service", store.StoreId, "svc-1");
        using var chainService = await _api.ClientAsync("service", null, "hq-svc");
        using var otherService = await _api.ClientAsync("service", other.StoreId, "svc-9");
        using var pm = await _api.ClientAsync("pm", store.StoreId, "pm-1");
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);

        var response = await service.PostAsJsonAsync("/api/repairs", new { commandId = "r1", projectId, category = "plumbing", description = "water under the sink", severity = "medium" });
        var opened = await ApiHarness.ExpectAsync(HttpStatusCode.Created, response);
        var retried = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/repairs", new { commandId = "r1", projectId, category = "plumbing", description = "water under the sink", severity = "medium" }));
        var repairId = opened.Str("repairId");
        var read = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/repairs/{repairId}"));

        Assert.Equal($"/api/repairs/{repairId}", response.Headers.Location?.OriginalString);
        Assert.StartsWith($"{projectId}-r", repairId, StringComparison.Ordinal);
        Assert.Equal(repairId, retried.Str("repairId"));
        Assert.Equal(("reported", store.StoreId, "free", 2), (read.Str("state"), read.Str("storeId"), read["warranty"]!.Str("coverage"), read["warranty"]!["years"]!.GetValue<int>()));
        Assert.Contains("within the warranty, free", read["warranty"]!.Str("reason"), StringComparison.Ordinal);

        var visitAt = fixture.Clock.GetUtcNow().AddDays(1);
        var assessed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/repairs/{repairId}/assessment", new { commandId = "a", nature = "leaking trap", severity = "high", plan = "replace the trap" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/repairs/{repairId}/schedule", new { commandId = "s1", technician = "Lao Zhang", visitAt, customerTold = true }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/repairs/{repairId}/done", new { commandId = "d1", note = "replaced" }));
        var rejected = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/repairs/{repairId}/acceptance", new { commandId = "x1", accepted = false, note = "still drips" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/repairs/{repairId}/schedule", new { commandId = "s2", technician = "Lao Li", visitAt, customerTold = true }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/repairs/{repairId}/done", new { commandId = "d2" }));
        var accepted = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/repairs/{repairId}/acceptance", new { commandId = "x2", accepted = true }));

        Assert.Equal(("assessed", "high"), (assessed.Str("state"), assessed.Str("severity")));
        Assert.Equal("assessed", rejected.Str("state"));
        Assert.Equal("accepted", accepted.Str("state"));
        Assert.Equal(2, accepted["visits"]!.AsArray().Count);
        Assert.Equal([3, 10, 30], accepted["callbacks"]!.AsArray().Select(c => c!["days"]!.GetValue<int>()));

        var callback = $"{repairId}.callback1-call";
        var storeList = await TasksAsync(service, "/api/tasks");
        var chainList = await TasksAsync(chainService, $"/api/tasks?storeId={store.StoreId}");
        var otherList = await TasksAsync(otherService, "/api/tasks");
        var task = Assert.Single(storeList, t => t!.Str("taskId") == callback)!;
        Assert.Equal(($"service:{store.StoreId}", repairId, "open"), (task.Str("assigneeId"), task.Str("leadId"), task.Str("state")));
        Assert.Contains(chainList, t => t!.Str("taskId") == callback);
        Assert.DoesNotContain(otherList, t => t!.Str("taskId") == callback);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherService.GetAsync($"/api/repairs/{repairId}")).StatusCode);

        var acceptedRepairs = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/stores/{store.StoreId}/repairs?state=accepted"));
        var reported = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/stores/{store.StoreId}/repairs?state=reported"));
        Assert.Equal([repairId], acceptedRepairs["array"]!.AsArray().Select(r => r!.Str("repairId")));
        Assert.Empty(reported["array"]!.AsArray());
    }

    [Fact]
    public async Task AProblemHeardOnACallbackIsADepartmentTicketDueInAnHourAndARecheckDueInADay()
    {
        var (store, projectId) = await CompletedProjectAsync();
        using var service = await _api.ClientAsync("service", store.StoreId, "svc-1");
        using var pm = await _api.ClientAsync("pm", store.StoreId, "pm-1");
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        var repairId = await AcceptedRepairAsync(service, projectId);
        var callback = $"{repairId}.callback1-call";
        var before = (await TasksAsync(service, "/api/tasks")).Count;

        var badDepartment = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync($"/api/tasks/{callback}/problem", new { commandId = "p0", department = "plumbers", description = "cracked grout" }), "department");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync($"/api/tasks/{callback}/problem", new { commandId = "p0", department = "construction" }), "description");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/tasks/{callback}/problem", new { commandId = "p0", department = "construction", description = "x" })).StatusCode);
        Assert.Equal(before, (await TasksAsync(service, "/api/tasks")).Count);
        Assert.Contains("construction, design, after-sales, materials, finance, other", badDepartment.ToJsonString(), StringComparison.Ordinal);

        var now = fixture.Clock.GetUtcNow();
        var raised = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/tasks/{callback}/problem", new { commandId = "p1", department = "construction", description = "cracked grout" })))["array"]!.AsArray();
        var again = await service.PostAsJsonAsync($"/api/tasks/{callback}/problem", new { commandId = "p2", department = "design", description = "again" });

        var (ticket, recheck) = (raised[0]!, raised[1]!);
        Assert.Equal(($"{repairId}.callback1-ticket", $"construction:{store.StoreId}"), (ticket.Str("taskId"), ticket.Str("assigneeId")));
        Assert.Equal(now.AddHours(1), ticket["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(($"{repairId}.callback1-recheck", $"service:{store.StoreId}"), (recheck.Str("taskId"), recheck.Str("assigneeId")));
        Assert.Equal(now.AddHours(24), recheck["dueAt"]!.GetValue<DateTimeOffset>());
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, again, "taskId");

        var pmList = await TasksAsync(pm, "/api/tasks");
        Assert.Equal([$"{repairId}.callback1-ticket"], pmList.Select(t => t!.Str("taskId")));
        Assert.Equal(HttpStatusCode.Forbidden, (await pm.PostAsJsonAsync($"/api/tasks/{repairId}.callback1-recheck/done", new { commandId = "t0" })).StatusCode);
        var done = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/tasks/{repairId}.callback1-ticket/done", new { commandId = "t1", note = "regrouted" }));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await pm.PostAsJsonAsync($"/api/tasks/{repairId}.callback1-ticket/done", new { commandId = "t2" }), "taskId");
        Assert.Equal(("done", "pm-1"), (done.Str("state"), done.Str("closedBy")));

        // Not opened yet, or no such task: 404.
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await service.PostAsJsonAsync($"/api/tasks/{repairId}.callback2-call/problem", new { commandId = "p3", department = "design", description = "x" }), "taskId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await service.PostAsJsonAsync($"/api/tasks/{repairId}.callback9-call/done", new { commandId = "p4" }), "taskId");
    }

    [Fact]
    public async Task TheWarrantyIsFreeUntilTwoYearsAfterCompletionAndFiveForWaterproofing()
    {
        var (store, projectId) = await CompletedProjectAsync();
        using var service = await _api.ClientAsync("service", store.StoreId, "svc-1");
        fixture.Clock.Advance(TimeSpan.FromDays(2 * 365 + 2));

        var tiling = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/repairs", new { commandId = "w1", projectId, category = "tiling", description = "loose tile", severity = "low" }));
        var waterproofing = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/repairs", new { commandId = "w2", projectId, category = "waterproofing", description = "damp wall", severity = "high" }));

        Assert.Equal(("paid", 2), (tiling["warranty"]!.Str("coverage"), tiling["warranty"]!["years"]!.GetValue<int>()));
        Assert.Contains("after the warranty, paid", tiling["warranty"]!.Str("reason"), StringComparison.Ordinal);
        Assert.Equal(("free", 5), (waterproofing["warranty"]!.Str("coverage"), waterproofing["warranty"]!["years"]!.GetValue<int>()));
    }

    [Fact]
    public async Task BadRepairRequestsAreRefusedNamingTheFieldAndChangeNothing()
    {
        var (store, projectId) = await CompletedProjectAsync();
        var other = await _api.StoreAsync(1, 1);
        using var service = await _api.ClientAsync("service", store.StoreId, "svc-1");
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        using var designer = await _api.ClientAsync("designer", store.StoreId, store.DesignerIds[0][0]);
        using var otherService = await _api.ClientAsync("service", other.StoreId, "svc-9");
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);
        var (openLead, _, _) = await _api.DispatchedLeadAsync(store);
        var openProject = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/leads/{openLead}/contract", new { commandId = "c", amount = 100000, signerName = "李四" }))).Str("projectId");

        var category = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync("/api/repairs", new { commandId = "b1", projectId, category = "roof", description = "x", severity = "low" }), "category");
        Assert.Equal($"'roof' is not a repair category: use one of {Categories}.", category["errors"]!["category"]![0]!.GetValue<string>());
        var severity = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync("/api/repairs", new { commandId = "b2", projectId, category = "other", description = "x", severity = "meh" }), "severity");
        Assert.Equal("'meh' is not a repair severity: use one of low, medium, high, urgent.", severity["errors"]!["severity"]![0]!.GetValue<string>());
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync("/api/repairs", new { commandId = "b3", projectId, category = "other", severity = "low" }), "description");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync("/api/repairs", new { projectId, category = "other", description = "x", severity = "low" }), "commandId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await service.PostAsJsonAsync("/api/repairs", new { commandId = "b4", projectId = projectId[..^1] + "9", category = "other", description = "x", severity = "low" }), "projectId");
        var notCompleted = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await supervisor.PostAsJsonAsync("/api/repairs", new { commandId = "b5", projectId = openProject, category = "other", description = "x", severity = "low" }), "projectId");
        Assert.Contains("project manager", notCompleted.ToJsonString(), StringComparison.Ordinal);
        foreach (var refused in new[] { manager, designer, otherService })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.PostAsJsonAsync("/api/repairs", new { commandId = "b6", projectId, category = "other", description = "x", severity = "low" })).StatusCode);
        }

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await service.GetAsync($"/api/repairs/{projectId}-rzzzzzzzz"), "repairId");
        var state = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.GetAsync($"/api/stores/{store.StoreId}/repairs?state=fixed"), "state");
        Assert.Contains("reported, assessed, scheduled, repaired, accepted, closed", state.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/stores/{store.StoreId}/repairs")).StatusCode);
        var none = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.GetAsync($"/api/stores/{store.StoreId}/repairs"));
        Assert.Empty(none["array"]!.AsArray());

        // Steps out of order and bad step input: 409/400 naming the field, the repair unchanged.
        var repairId = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/repairs", new { commandId = "ok", projectId, category = "other", description = "x", severity = "low" }))).Str("repairId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await service.PostAsJsonAsync($"/api/repairs/{repairId}/schedule", new { commandId = "o1", technician = "Lao Zhang", visitAt = fixture.Clock.GetUtcNow(), customerTold = true }), "state");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await service.PostAsJsonAsync($"/api/repairs/{repairId}/acceptance", new { commandId = "o2", accepted = true }), "state");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await service.PostAsJsonAsync($"/api/repairs/{repairId}/done", new { commandId = "o2b" }), "state");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync($"/api/repairs/{repairId}/acceptance", new { commandId = "o2c" }), "accepted");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await service.PostAsJsonAsync($"/api/repairs/{projectId}-rzzzzzzzz/assessment", new { commandId = "o2d", nature = "n", severity = "low", plan = "p" }), "repairId");
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PostAsJsonAsync($"/api/repairs/{repairId}/assessment", new { commandId = "o2e", nature = "n", severity = "low", plan = "p" })).StatusCode);
        var badSeverity = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync($"/api/repairs/{repairId}/assessment", new { commandId = "o2f", nature = "n", severity = "dire", plan = "p" }), "severity");
        Assert.Equal("'dire' is not a repair severity: use one of low, medium, high, urgent.", badSeverity["errors"]!["severity"]![0]!.GetValue<string>());
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync($"/api/repairs/{repairId}/assessment", new { commandId = "o3", nature = "n", severity = "low" }), "plan");
        Assert.Equal("reported", (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.GetAsync($"/api/repairs/{repairId}"))).Str("state"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/repairs/{repairId}/assessment", new { commandId = "o4", nature = "n", severity = "low", plan = "p" }));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync($"/api/repairs/{repairId}/schedule", new { commandId = "o5", technician = "Lao Zhang", visitAt = fixture.Clock.GetUtcNow(), customerTold = false }), "customerTold");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/repairs/{repairId}/schedule", new { commandId = "o6", technician = "Lao Zhang", visitAt = fixture.Clock.GetUtcNow(), customerTold = true })).StatusCode);
        var unchanged = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.GetAsync($"/api/repairs/{repairId}"));
        Assert.Equal("assessed", unchanged.Str("state"));
        Assert.Null(unchanged["schedule"]);
    }

    [Fact]
    public async Task TheRepairsSweepOpensTheNextCallbackWhenItsWindowBeginsAndFlagsTheMissedOneOverdue()
    {
        var (store, projectId) = await CompletedProjectAsync();
        using var service = await _api.ClientAsync("service", store.StoreId, "svc-1");
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        var repairId = await AcceptedRepairAsync(service, projectId);

        // A day and an hour past the first callback's due time: overdue, and escalated (more than 24 h).
        var firstDue = (await TasksAsync(service, "/api/tasks")).Single(t => t!.Str("taskId") == $"{repairId}.callback1-call")!["dueAt"]!.GetValue<DateTimeOffset>();
        fixture.Clock.Advance(firstDue - fixture.Clock.GetUtcNow() + TimeSpan.FromHours(25));
        await _api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IRepairGrain>(repairId).AsReference<IRemindable>().ReceiveReminder("sweep", default);

        var tasks = (await TasksAsync(service, "/api/tasks")).Where(t => t!.Str("leadId") == repairId).ToList();
        var supervisorList = await TasksAsync(supervisor, "/api/tasks");
        Assert.Equal([$"{repairId}.callback1-call", $"{repairId}.callback2-call"], tasks.Select(t => t!.Str("taskId")));
        Assert.Equal((true, true), (tasks[0]!["overdue"]!.GetValue<bool>(), tasks[0]!["escalated"]!.GetValue<bool>()));
        Assert.False(tasks[1]!["overdue"]!.GetValue<bool>());
        Assert.Contains(supervisorList, t => t!.Str("taskId") == $"{repairId}.callback1-call" && t!["escalated"]!.GetValue<bool>());
    }

    private static async Task<List<JsonNode?>> TasksAsync(HttpClient client, string url) =>
        [.. (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync(url)))["array"]!.AsArray()];

    private async Task<string> AcceptedRepairAsync(HttpClient service, string projectId)
    {
        var repairId = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/repairs", new { commandId = ApiHarness.NewCommandId(), projectId, category = "tiling", description = "loose tile", severity = "low" }))).Str("repairId");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/repairs/{repairId}/assessment", new { commandId = "a", nature = "n", severity = "low", plan = "p" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/repairs/{repairId}/schedule", new { commandId = "s", technician = "Lao Zhang", visitAt = fixture.Clock.GetUtcNow(), customerTold = true }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/repairs/{repairId}/done", new { commandId = "d" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/repairs/{repairId}/acceptance", new { commandId = "x", accepted = true }));
        return repairId;
    }

    /// <summary>A store with a project signed and taken through its stages to completion acceptance (by its supervisor) now.</summary>
    private async Task<(TestStore Store, string ProjectId)> CompletedProjectAsync()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        var projectId = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/leads/{leadId}/contract", new { commandId = "c", amount = 200000, signerName = "王小明" }))).Str("projectId");
        foreach (var stage in ProjectStages.All.TakeWhile(s => s != ProjectStages.FinalSettlement))
        {
            await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/{stage}/start", new { commandId = $"start-{stage}" }));
            await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/{stage}/accept", new { commandId = $"accept-{stage}", customerSigned = true }));
        }

        return (store, projectId);
    }
}
