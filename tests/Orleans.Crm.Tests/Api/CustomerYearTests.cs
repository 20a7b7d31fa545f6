using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Grains;
using Orleans.Crm.Tests.Board;
using Orleans.Crm.Tests.Complaints;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// Issue 12's end-to-end story: one customer's year through the public REST API and both hubs, on a gateway whose rules
/// read a fake clock (from Tuesday 2026-11-03 10:00 in Shanghai): visit → dispatch → the three-day rule → deposit →
/// design stages → contract → construction stages with weekly callbacks → completion acceptance → +3/+10/+30 after-care
/// → a complaint breached and repeated → a free repair inside the warranty → its callbacks, one raising a problem. Each
/// time the clock passes a deadline the owning grain's sweep is delivered as its reminder would (store, project,
/// complaint desk, repair), and every task, deadline and board/service-board event on the way is asserted.
/// </summary>
public sealed class CustomerYearTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static readonly string[] DesignStages = ["measurement", "quote", "drawings", "review", "contract", "handover", "briefing"];

    private static readonly string[] SiteStages = ["materials-in", "trades", "staged-acceptance", "concealed-works", "waterproofing-test", "mid-term-settlement", "pre-acceptance"];

    private ApiHarness Api => fixture.Api;

    [Fact]
    public async Task OneCustomersYearFromVisitToRepairCallbacksRunsOnTheServiceClock()
    {
        // The cast: a store with one group of two designers, and a client for each role.
        var store = await Api.StoreAsync(1, 2);
        var storeId = store.StoreId;
        var managerId = store.ManagerIds[0];
        var desk = $"service:{storeId}";
        using var frontDesk = await Api.ClientAsync("frontdesk", storeId, "fd-wang");
        using var manager = await Api.ClientAsync("manager", storeId, managerId);
        using var supervisor = await Api.ClientAsync("supervisor", storeId, "sup-zhao");
        using var pm = await Api.ClientAsync("pm", storeId, "pm-sun");
        using var service = await Api.ClientAsync("service", storeId, "cs-li");
        using var chainService = await Api.ClientAsync("service", null, "hq-cs");
        using var hq = await Api.HqAsync();
        await using var board = await ScreenClient.SubscribeAsync(Api.Factory, await Api.TokenAsync("supervisor", storeId, "sup-zhao"), storeId);
        await using var serviceBoard = await ComplaintBoardClient.ConnectAsync(Api.Factory, await Api.TokenAsync("service", storeId, "cs-li"));
        await serviceBoard.SubscribeAsync(storeId, 0);
        Assert.Equal(ServiceMessages.ComplaintSnapshot, (await serviceBoard.NextAsync()).Target);

        // Day 0 (Tue 11-03 10:00): the front desk registers the walk-in; the duty manager dispatches by the rules.
        var phone = ApiHarness.NewPhone();
        var visitedAt = Now;
        var visit = await ExpectAsync(HttpStatusCode.Created, frontDesk.PostAsJsonAsync($"/api/stores/{storeId}/visits", new { commandId = NewCommand(), name = "陈小姐", phone, channel = "walkIn", community = "翠湖苑" }));
        var leadId = visit.Str("leadId");
        var customerId = visit.Str("customerId");
        Assert.Equal(managerId, visit.Str("managerId"));
        var dispatch = await ExpectAsync(HttpStatusCode.OK, manager.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = NewCommand() }));
        var designerId = dispatch.Str("designerId");
        Assert.Contains(designerId, store.DesignerIds[0]);
        using var designer = await Api.ClientAsync("designer", storeId, designerId);
        await BoardEventAsync(board, "lead-dispatched", leadId);

        // Day 3: no measurement asked for — the three-day rule lapses; the designer follows up, the manager phones.
        await AdvanceToAsync(visitedAt.AddDays(3).AddMinutes(1));
        await fixture.SweepAsync(storeId);
        var followUp = Assert.Single(await TasksAsync(designer, "/api/tasks?state=open"));
        var callback = Assert.Single(await TasksAsync(manager, "/api/tasks?state=open"));
        Assert.Equal(($"{leadId}.three-day-follow-up", "three-day", designerId), (followUp.Str("taskId"), followUp.Str("rule"), followUp.Str("assigneeId")));
        Assert.Equal(($"{leadId}.three-day-callback", "three-day", managerId), (callback.Str("taskId"), callback.Str("rule"), callback.Str("assigneeId")));
        Assert.All([followUp, callback], t => Assert.Equal(visitedAt.AddDays(4), t["dueAt"]!.GetValue<DateTimeOffset>()));
        await ExpectAsync(HttpStatusCode.OK, manager.PostAsJsonAsync($"/api/tasks/{callback.Str("taskId")}/done", new { commandId = NewCommand(), note = "customer wants to measure on Friday" }));
        await ExpectAsync(HttpStatusCode.OK, designer.PostAsJsonAsync($"/api/leads/{leadId}/follow-ups", new { commandId = NewCommand(), note = "measurement booked" }));
        var leadTasks = await TasksAsync(supervisor, "/api/tasks");
        Assert.Equal(2, leadTasks.Count);
        Assert.All(leadTasks, t => Assert.Equal((leadId, "done"), (t.Str("leadId"), t.Str("state"))));
        Assert.Equal((managerId, designerId), (leadTasks.Single(t => t.Str("taskId") == callback.Str("taskId")).Str("closedBy"), leadTasks.Single(t => t.Str("taskId") == followUp.Str("taskId")).Str("closedBy")));

        // Day 4: the deposit opens the project and makes the store the owner.
        await AdvanceToAsync(visitedAt.AddDays(4));
        var deposit = await ExpectAsync(HttpStatusCode.OK, manager.PostAsJsonAsync($"/api/leads/{leadId}/deposit", new { commandId = NewCommand(), amount = 5000, payerName = "陈小姐" }));
        var projectId = deposit.Str("projectId");
        Assert.Equal($"{customerId}-p1", projectId);
        Assert.Equal((storeId, projectId), (await OwnerAsync(hq, customerId) is { } owner ? (owner.Str("storeId"), owner.Str("projectId")) : default));
        var depositEvent = await BoardEventAsync(board, "deposit-recorded", leadId);
        Assert.Equal("deposit", depositEvent.Argument.GetProperty("change").GetProperty("lead").GetProperty("status").GetString(), StringComparer.OrdinalIgnoreCase);

        // Design: the designer walks measurement → drawings; the contract stage before the review is accepted is a 409
        // naming the review; only the supervisor approves the review.
        foreach (var stage in DesignStages.TakeWhile(s => s != "review"))
        {
            await StageAsync(designer, projectId, stage);
        }

        await ExpectAsync(HttpStatusCode.OK, designer.PostAsJsonAsync($"/api/projects/{projectId}/stages/review/start", new { commandId = NewCommand() }));
        var early = await designer.PostAsJsonAsync($"/api/projects/{projectId}/stages/contract/start", new { commandId = NewCommand() });
        var problem = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, early, "stage");
        Assert.Contains("review", problem["detail"]?.ToString() ?? problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PostAsJsonAsync($"/api/projects/{projectId}/stages/review/accept", new { commandId = NewCommand() })).StatusCode);
        await ExpectAsync(HttpStatusCode.OK, supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/review/accept", new { commandId = NewCommand() }));

        // Day 5: the contract is signed on the lead, then the design phase finishes.
        await AdvanceToAsync(visitedAt.AddDays(5));
        await ExpectAsync(HttpStatusCode.OK, manager.PostAsJsonAsync($"/api/leads/{leadId}/contract", new { commandId = NewCommand(), amount = 180000, signerName = "陈小姐" }));
        var contractEvent = await BoardEventAsync(board, "contract-signed", leadId);
        Assert.Equal("signed", contractEvent.Argument.GetProperty("change").GetProperty("lead").GetProperty("status").GetString(), StringComparer.OrdinalIgnoreCase);
        foreach (var stage in DesignStages.SkipWhile(s => s != "contract"))
        {
            await StageAsync(manager, projectId, stage);
        }

        // Construction: the project manager's stages; crew-in (Mon 11-09 09:00) starts the manager's weekly callbacks.
        foreach (var stage in new[] { "work-order", "permits", "site-briefing" })
        {
            await StageAsync(pm, projectId, stage);
        }

        var siteStart = Local(2026, 11, 9, 9);
        await AdvanceToAsync(siteStart);
        await ExpectAsync(HttpStatusCode.OK, pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/crew-in/start", new { commandId = NewCommand() }));
        var week1 = Assert.Single(await OwnedTasksAsync(manager, projectId, "open"));
        Assert.Equal(($"{projectId}.weekly-1-callback", "weekly-callback", managerId), (week1.Str("taskId"), week1.Str("rule"), week1.Str("assigneeId")));
        Assert.Equal(Local(2026, 11, 16), week1["dueAt"]!.GetValue<DateTimeOffset>());

        // Week 1: the manager calls on Thursday (on time); the designer visits the site.
        await AdvanceToAsync(Local(2026, 11, 12, 18));
        await ExpectAsync(HttpStatusCode.OK, manager.PostAsJsonAsync($"/api/tasks/{week1.Str("taskId")}/done", new { commandId = NewCommand(), note = "happy with the crew" }));
        await ExpectAsync(HttpStatusCode.OK, designer.PostAsJsonAsync($"/api/projects/{projectId}/site-visits", new { commandId = NewCommand(), note = "wiring layout" }));
        await AdvanceToAsync(Local(2026, 11, 16).AddMinutes(1));
        await ProjectSweepAsync(projectId);
        var week2 = Assert.Single(await OwnedTasksAsync(manager, projectId, "open"));
        Assert.Equal(($"{projectId}.weekly-2-callback", Local(2026, 11, 23)), (week2.Str("taskId"), week2["dueAt"]!.GetValue<DateTimeOffset>()));
        Assert.False(week2["overdue"]!.GetValue<bool>());

        // Week 2: the site moves on but the manager forgets to call; week 3 opens and week 2 stays open, overdue.
        await ExpectAsync(HttpStatusCode.OK, pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/crew-in/accept", new { commandId = NewCommand(), customerSigned = true }));
        foreach (var stage in SiteStages.Take(4))
        {
            await StageAsync(pm, projectId, stage);
        }

        await ExpectAsync(HttpStatusCode.OK, designer.PostAsJsonAsync($"/api/projects/{projectId}/site-visits", new { commandId = NewCommand(), note = "concealed works" }));
        await AdvanceToAsync(Local(2026, 11, 23).AddMinutes(1));
        await ProjectSweepAsync(projectId);
        var open = await OwnedTasksAsync(manager, projectId, "open");
        Assert.Equal([$"{projectId}.weekly-2-callback", $"{projectId}.weekly-3-callback"], open.Select(t => t.Str("taskId")).Order(StringComparer.Ordinal));
        Assert.True(open.Single(t => t.Str("taskId") == week2.Str("taskId"))["overdue"]!.GetValue<bool>());
        Assert.Equal(Local(2026, 11, 30), open.Single(t => t.Str("taskId") != week2.Str("taskId"))["dueAt"]!.GetValue<DateTimeOffset>());

        // Week 3 (Wed 11-25): the manager calls; a day later the missed week 2 is escalated to the supervisor's own list.
        await AdvanceToAsync(Local(2026, 11, 25, 11));
        await ExpectAsync(HttpStatusCode.OK, manager.PostAsJsonAsync($"/api/tasks/{projectId}.weekly-3-callback/done", new { commandId = NewCommand() }));
        var escalated = Assert.Single(await TasksAsync(supervisor, "/api/tasks?assignee=sup-zhao&state=open"));
        Assert.Equal((week2.Str("taskId"), true), (escalated.Str("taskId"), escalated["escalated"]!.GetValue<bool>()));
        foreach (var stage in SiteStages.Skip(4))
        {
            await StageAsync(pm, projectId, stage);
        }

        await ExpectAsync(HttpStatusCode.OK, designer.PostAsJsonAsync($"/api/projects/{projectId}/site-visits", new { commandId = NewCommand(), note = "pre-acceptance walk-through" }));

        // Completion acceptance (Fri 11-27 15:00) ends the ownership and starts customer service's after-care clock.
        var completedAt = Local(2026, 11, 27, 15);
        await AdvanceToAsync(completedAt);
        await ExpectAsync(HttpStatusCode.OK, pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/completion-acceptance/start", new { commandId = NewCommand() }));
        var completed = await ExpectAsync(HttpStatusCode.OK, pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/completion-acceptance/accept", new { commandId = NewCommand(), note = "keys handed over", customerSigned = true }));
        Assert.Equal(("completed", "final-settlement", false), (completed.Str("status"), completed.Str("currentStage"), completed["siteVisitsFlagged"]!.GetValue<bool>()));
        Assert.Equal(completedAt, completed["completedAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(await OwnerAsync(hq, customerId));
        var project = await ExpectAsync(HttpStatusCode.OK, supervisor.GetAsync($"/api/projects/{projectId}"));
        Assert.Equal(
            [.. DesignStages, "work-order", "permits", "site-briefing", "crew-in", .. SiteStages, "completion-acceptance", "final-settlement"],
            project["stages"]!.AsArray().Select(s => s!.Str("stage")));
        Assert.All(project["stages"]!.AsArray().SkipLast(1), s => Assert.Equal("accepted", s!.Str("state")));
        Assert.Equal(3, project["siteVisits"]!.AsArray().Count);

        // After-care +3 (due at the end of Mon 11-30): on the store's desk, not on the manager's list.
        await ProjectSweepAsync(projectId);
        var d3 = Assert.Single(await OwnedTasksAsync(service, projectId, "open"));
        Assert.Equal(($"{projectId}.aftercare-d3-callback", "aftercare-callback", desk, Local(2026, 12, 1)), (d3.Str("taskId"), d3.Str("rule"), d3.Str("assigneeId"), d3["dueAt"]!.GetValue<DateTimeOffset>()));
        Assert.Equal([week2.Str("taskId")], (await OwnedTasksAsync(manager, projectId, "open")).Select(t => t.Str("taskId")));
        await AdvanceToAsync(Local(2026, 11, 30, 10));
        await ExpectAsync(HttpStatusCode.OK, service.PostAsJsonAsync($"/api/tasks/{d3.Str("taskId")}/done", new { commandId = NewCommand(), note = "all well" }));
        await ExpectAsync(HttpStatusCode.OK, pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/final-settlement/start", new { commandId = NewCommand() }));
        await ExpectAsync(HttpStatusCode.OK, pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/final-settlement/accept", new { commandId = NewCommand(), customerSigned = true }));

        // No weekly callback after completion: week 4 would have begun on 11-30, after the acceptance.
        await AdvanceToAsync(Local(2026, 12, 1).AddMinutes(1));
        await ProjectSweepAsync(projectId);
        Assert.DoesNotContain(await TasksAsync(supervisor, "/api/tasks"), t => t.Str("taskId") == $"{projectId}.weekly-4-callback");
        var d10 = Assert.Single(await OwnedTasksAsync(service, projectId, "open"));
        Assert.Equal(($"{projectId}.aftercare-d10-callback", Local(2026, 12, 8)), (d10.Str("taskId"), d10["dueAt"]!.GetValue<DateTimeOffset>()));

        // The +10 callback is missed: the +30 opens when it falls due, and the missed one stays open, overdue.
        await AdvanceToAsync(Local(2026, 12, 8).AddMinutes(1));
        await ProjectSweepAsync(projectId);
        var aftercare = await OwnedTasksAsync(chainService, projectId, "open");
        Assert.Equal([$"{projectId}.aftercare-d10-callback", $"{projectId}.aftercare-d30-callback"], aftercare.Select(t => t.Str("taskId")).Order(StringComparer.Ordinal));
        Assert.True(aftercare.Single(t => t.Str("taskId") == d10.Str("taskId"))["overdue"]!.GetValue<bool>());
        Assert.Equal(Local(2026, 12, 28), aftercare.Single(t => t.Str("taskId") != d10.Str("taskId"))["dueAt"]!.GetValue<DateTimeOffset>());

        // Wed 12-09 10:00: the customer phones the front desk about a leaking shower; customer service promises a reply
        // but nobody tells the department within 10 minutes — the desk's sweep marks the complaint breached.
        await AdvanceToAsync(Local(2026, 12, 9, 10));
        var first = await ExpectAsync(HttpStatusCode.Created, frontDesk.PostAsJsonAsync("/api/complaints", new { commandId = NewCommand(), phone, storeId, projectId, channel = "phone", summary = "淋浴房漏水", emergency = false }));
        var firstId = first.Str("complaintId");
        Assert.Equal((customerId, "open", Now.AddMinutes(10), Now.AddMinutes(30)), (first.Str("customerId"), first.Str("state"), first["departmentNotifiedBy"]!.GetValue<DateTimeOffset>(), first["replyPromiseBy"]!.GetValue<DateTimeOffset>()));
        await ExpectAsync(HttpStatusCode.OK, service.PostAsJsonAsync($"/api/complaints/{firstId}/steps", new { commandId = NewCommand(), step = "reply-promised", note = "半小时内回复" }));
        await AdvanceToAsync(Now.AddMinutes(11));
        await DeskSweepAsync(storeId);
        var breached = Assert.Single(await ComplaintsAsync(service, storeId, "breached"));
        var breach = Assert.Single(breached["breaches"]!.AsArray())!;
        Assert.Equal((firstId, "department-notified", "customer-service", "cs-li"), (breached.Str("complaintId"), breach.Str("step"), breach.Str("responsible"), breach.Str("responsiblePerson")));
        Assert.Equal(
            [("filed", firstId), ("step", firstId), ("breached", firstId)],
            await ComplaintEventsAsync(serviceBoard, 3));

        // Ten minutes later the customer calls again about the same leak: a repeat complaint of the breached one. From
        // now on both are handled in time through every step and closed when the customer is satisfied (so no sweep,
        // whenever it runs, finds another breach).
        await AdvanceToAsync(Local(2026, 12, 9, 10).AddMinutes(20));
        var repeat = await ExpectAsync(HttpStatusCode.Created, frontDesk.PostAsJsonAsync("/api/complaints", new { commandId = NewCommand(), phone, storeId, projectId, channel = "phone", summary = "淋浴房还在漏水，没人回电", emergency = false }));
        var repeatId = repeat.Str("complaintId");
        Assert.Equal((firstId, "open"), (repeat.Str("repeatOf"), repeat.Str("state")));
        await AdvanceToAsync(Now.AddMinutes(5));
        await StepAsync(service, firstId, new { commandId = NewCommand(), step = "department-notified", department = "工程部", person = "李工" });
        await StepAsync(service, repeatId, new { commandId = NewCommand(), step = "department-notified", department = "工程部", person = "李工" });
        await StepAsync(service, repeatId, new { commandId = NewCommand(), step = "reply-promised" });

        // The department's answer is an after-sales repair, twelve days after completion: inside the two-year warranty,
        // so free, and the answer says why. The project manager assesses it, customer service books the technician.
        var repair = await ExpectAsync(HttpStatusCode.Created, service.PostAsJsonAsync("/api/repairs", new { commandId = NewCommand(), projectId, category = "plumbing", description = "淋浴房下水漏水", severity = "medium" }));
        var repairId = repair.Str("repairId");
        var warranty = repair["warranty"]!;
        Assert.StartsWith($"{projectId}-r", repairId, StringComparison.Ordinal);
        Assert.Equal(("reported", "free", 2, "2026-11-27", "2028-11-27", "2026-12-09"), (repair.Str("state"), warranty.Str("coverage"), warranty["years"]!.GetValue<int>(), warranty.Str("completionDate"), warranty.Str("lastFreeDay"), warranty.Str("reportedOn")));
        Assert.Contains("within the warranty, free", warranty.Str("reason"), StringComparison.Ordinal);
        await AdvanceToAsync(Now.AddMinutes(5));
        var assessed = await ExpectAsync(HttpStatusCode.OK, pm.PostAsJsonAsync($"/api/repairs/{repairId}/assessment", new { commandId = NewCommand(), nature = "drain seal perished", severity = "high", plan = "replace the drain seal" }));
        Assert.Equal(("assessed", "high"), (assessed.Str("state"), assessed.Str("severity")));
        await AdvanceToAsync(Now.AddMinutes(10));
        await StepAsync(service, firstId, new { commandId = NewCommand(), step = "customer-told", note = "李工今天下午上门" });
        await StepAsync(service, repeatId, new { commandId = NewCommand(), step = "customer-told", note = "李工今天下午上门" });
        await ExpectAsync(HttpStatusCode.OK, service.PostAsJsonAsync($"/api/repairs/{repairId}/schedule", new { commandId = NewCommand(), technician = "李工", visitAt = Local(2026, 12, 9, 14), customerTold = true }));

        // The first visit does not satisfy the customer (repeat until accepted): back to assessed, booked again, accepted.
        await AdvanceToAsync(Local(2026, 12, 9, 14).AddMinutes(30));
        await ExpectAsync(HttpStatusCode.OK, pm.PostAsJsonAsync($"/api/repairs/{repairId}/done", new { commandId = NewCommand(), note = "seal replaced" }));
        await AdvanceToAsync(Local(2026, 12, 9, 15));
        var rejected = await ExpectAsync(HttpStatusCode.OK, service.PostAsJsonAsync($"/api/repairs/{repairId}/acceptance", new { commandId = NewCommand(), accepted = false, note = "still drips" }));
        Assert.Equal("assessed", rejected.Str("state"));
        await ExpectAsync(HttpStatusCode.OK, service.PostAsJsonAsync($"/api/repairs/{repairId}/schedule", new { commandId = NewCommand(), technician = "王师傅", visitAt = Local(2026, 12, 9, 17), customerTold = true }));
        await AdvanceToAsync(Local(2026, 12, 9, 17).AddMinutes(30));
        await ExpectAsync(HttpStatusCode.OK, pm.PostAsJsonAsync($"/api/repairs/{repairId}/done", new { commandId = NewCommand(), note = "trap and seal replaced" }));
        var repairAcceptedAt = Local(2026, 12, 9, 18);

        // Callbacks "within 3, 10, 30 days" are due at the end of that store-local day, as the project's after-care ones.
        var (repairDue3, repairDue10, repairDue30) = (Local(2026, 12, 13), Local(2026, 12, 20), Local(2027, 1, 9));
        await AdvanceToAsync(repairAcceptedAt);
        var accepted = await ExpectAsync(HttpStatusCode.OK, service.PostAsJsonAsync($"/api/repairs/{repairId}/acceptance", new { commandId = NewCommand(), accepted = true, note = "dry" }));
        Assert.Equal(("accepted", 2), (accepted.Str("state"), accepted["visits"]!.AsArray().Count));
        Assert.Equal([3, 10, 30], accepted["callbacks"]!.AsArray().Select(c => c!["days"]!.GetValue<int>()));
        var repairCall1 = Assert.Single(await OwnedTasksAsync(service, repairId, "open"));
        Assert.Equal(($"{repairId}.callback1-call", desk, repairDue3), (repairCall1.Str("taskId"), repairCall1.Str("assigneeId"), repairCall1["dueAt"]!.GetValue<DateTimeOffset>()));

        await AdvanceToAsync(Now.AddMinutes(30));
        await StepAsync(chainService, firstId, new { commandId = NewCommand(), step = "checked", note = "repaired, customer accepted" });
        await StepAsync(chainService, repeatId, new { commandId = NewCommand(), step = "checked", note = "repaired, customer accepted" });
        await AdvanceToAsync(Local(2026, 12, 10, 9));
        var firstClosed = await StepAsync(service, firstId, new { commandId = NewCommand(), step = "satisfaction-call", satisfied = true });
        var repeatClosed = await StepAsync(service, repeatId, new { commandId = NewCommand(), step = "satisfaction-call", satisfied = true });
        await DeskSweepAsync(storeId);
        Assert.Equal(("closed", 1), (firstClosed.Str("state"), firstClosed["breaches"]!.AsArray().Count));
        Assert.Equal(("closed", 0), (repeatClosed.Str("state"), repeatClosed["breaches"]!.AsArray().Count));
        Assert.Empty(await ComplaintsAsync(service, storeId, "breached"));
        Assert.Equal([firstId, repeatId], (await ComplaintsAsync(service, storeId, "closed")).Select(c => c.Str("complaintId")).Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                ("filed", repeatId), ("step", firstId), ("step", repeatId), ("step", repeatId), ("step", firstId), ("step", repeatId),
                ("step", firstId), ("step", repeatId), ("closed", firstId), ("closed", repeatId),
            ],
            await ComplaintEventsAsync(serviceBoard, 10));
        Assert.Empty(serviceBoard.Violations);

        // The VP's weekly summary counts the breach by its step and the repeat complaint.
        var week = $"2026-W{System.Globalization.ISOWeek.GetWeekOfYear(new DateTime(2026, 12, 9)):00}";
        var summary = await ExpectAsync(HttpStatusCode.OK, hq.GetAsync($"/api/reports/complaints?week={week}&storeId={storeId}"));
        var row = Assert.Single(summary["stores"]!.AsArray())!;
        Assert.Equal((2, 2, 1, 1), (row["received"]!.GetValue<int>(), row["closed"]!.GetValue<int>(), row["breaches"]!.GetValue<int>(), row["repeatComplaints"]!.GetValue<int>()));
        Assert.Equal("department-notified", row["breachesByStep"]![0]!.Str("step"));

        // The repair's first callback (Fri 12-11): the grout around the tray has cracked — passed on to construction
        // within the hour (the project manager's ticket) and re-checked with the customer within a day.
        await AdvanceToAsync(Local(2026, 12, 11, 10));
        var raised = await ExpectAsync(HttpStatusCode.OK, service.PostAsJsonAsync($"/api/tasks/{repairCall1.Str("taskId")}/problem", new { commandId = NewCommand(), department = "construction", description = "grout around the tray cracked" }));
        var (ticket, recheck) = (raised["array"]![0]!, raised["array"]![1]!);
        Assert.Equal(($"{repairId}.callback1-ticket", $"construction:{storeId}", Now.AddHours(1)), (ticket.Str("taskId"), ticket.Str("assigneeId"), ticket["dueAt"]!.GetValue<DateTimeOffset>()));
        Assert.Equal(($"{repairId}.callback1-recheck", desk, Now.AddHours(24)), (recheck.Str("taskId"), recheck.Str("assigneeId"), recheck["dueAt"]!.GetValue<DateTimeOffset>()));
        Assert.Equal([ticket.Str("taskId")], (await OwnedTasksAsync(pm, repairId, "open")).Select(t => t.Str("taskId")));
        await AdvanceToAsync(Now.AddMinutes(40));
        await ExpectAsync(HttpStatusCode.OK, pm.PostAsJsonAsync($"/api/tasks/{ticket.Str("taskId")}/done", new { commandId = NewCommand(), note = "regrouted" }));
        await AdvanceToAsync(Local(2026, 12, 12, 9, 30));
        await ExpectAsync(HttpStatusCode.OK, service.PostAsJsonAsync($"/api/tasks/{recheck.Str("taskId")}/done", new { commandId = NewCommand(), note = "grout fine" }));

        // +10 opens when the +3 falls due (the end of Sat 12-12) and is made on time; +30 opens when the +10 falls due.
        await AdvanceToAsync(repairDue3.AddMinutes(1));
        await RepairSweepAsync(repairId);
        var repairCall2 = Assert.Single(await OwnedTasksAsync(service, repairId, "open"));
        Assert.Equal(($"{repairId}.callback2-call", repairDue10), (repairCall2.Str("taskId"), repairCall2["dueAt"]!.GetValue<DateTimeOffset>()));
        await AdvanceToAsync(Local(2026, 12, 15, 11));
        await ExpectAsync(HttpStatusCode.OK, service.PostAsJsonAsync($"/api/tasks/{repairCall2.Str("taskId")}/done", new { commandId = NewCommand(), note = "no more leaks" }));
        await AdvanceToAsync(repairDue10.AddMinutes(1));
        await RepairSweepAsync(repairId);
        var repairCall3 = Assert.Single(await OwnedTasksAsync(chainService, repairId, "open"));
        Assert.Equal(($"{repairId}.callback3-call", repairDue30), (repairCall3.Str("taskId"), repairCall3["dueAt"]!.GetValue<DateTimeOffset>()));

        // HQ's customer service makes the project's +30 callback in time.
        await AdvanceToAsync(Local(2026, 12, 20, 10));
        var d30 = await ExpectAsync(HttpStatusCode.OK, chainService.PostAsJsonAsync($"/api/tasks/{projectId}.aftercare-d30-callback/done", new { commandId = NewCommand(), note = "no more leaks, happy" }));
        Assert.Equal(("done", "hq-cs"), (d30.Str("state"), d30.Str("closedBy")));
        var everything = await OwnedTasksAsync(supervisor, projectId, null);
        Assert.Equal(
            [$"{projectId}.aftercare-d10-callback", $"{projectId}.aftercare-d3-callback", $"{projectId}.aftercare-d30-callback", $"{projectId}.weekly-1-callback", $"{projectId}.weekly-2-callback", $"{projectId}.weekly-3-callback"],
            everything.Select(t => t.Str("taskId")).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["open", "done", "done", "done", "open", "done"],
            everything.OrderBy(t => t.Str("taskId"), StringComparer.Ordinal).Select(t => t.Str("state")));

        // The repair's +30 callback (early January) is the last of its work: the repair closes, and the store's list says so.
        await AdvanceToAsync(Local(2027, 1, 5, 10));
        await ExpectAsync(HttpStatusCode.OK, chainService.PostAsJsonAsync($"/api/tasks/{repairCall3.Str("taskId")}/done", new { commandId = NewCommand(), note = "all good" }));
        await RepairSweepAsync(repairId);
        var repairTasks = await OwnedTasksAsync(supervisor, repairId, null);
        Assert.Equal(
            [$"{repairId}.callback1-call", $"{repairId}.callback1-recheck", $"{repairId}.callback1-ticket", $"{repairId}.callback2-call", $"{repairId}.callback3-call"],
            repairTasks.Select(t => t.Str("taskId")).Order(StringComparer.Ordinal));
        Assert.All(repairTasks, t => Assert.Equal("done", t.Str("state")));
        var finished = await ExpectAsync(HttpStatusCode.OK, frontDesk.GetAsync($"/api/repairs/{repairId}"));
        Assert.Equal("closed", finished.Str("state"));
        Assert.Equal([repairId], (await TasksAsync(supervisor, $"/api/stores/{storeId}/repairs?state=closed")).Select(r => r.Str("repairId")));

        // The dispatch board told the story of the lead in order, without a gap or a repeat.
        var kinds = board.Events.Where(e => LeadOf(e) == leadId).Select(e => e.Argument.GetProperty("type").GetString()!).ToList();
        Assert.Equal(["visit-registered", "lead-dispatched", "deposit-recorded", "contract-signed"], kinds.Where(k => k is "visit-registered" or "lead-dispatched" or "deposit-recorded" or "contract-signed"));
        board.AssertNoViolations();
    }

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, Shanghai);

    private static string NewCommand() => ApiHarness.NewCommandId();

    private static async Task<JsonObject> ExpectAsync(HttpStatusCode status, Task<HttpResponseMessage> request) =>
        await ApiHarness.ExpectAsync(status, await request);

    /// <summary>Moves the rules' clock forward to <paramref name="at"/> (never back).</summary>
    private Task AdvanceToAsync(DateTimeOffset at)
    {
        Assert.True(at >= Now, $"The story runs forwards: {at} is before {Now}.");
        fixture.Clock.Advance(at - Now);
        return Task.CompletedTask;
    }

    /// <summary>Starts and accepts a stage with the customer's signature.</summary>
    private static async Task StageAsync(HttpClient client, string projectId, string stage)
    {
        await ExpectAsync(HttpStatusCode.OK, client.PostAsJsonAsync($"/api/projects/{projectId}/stages/{stage}/start", new { commandId = NewCommand() }));
        var accepted = await ExpectAsync(HttpStatusCode.OK, client.PostAsJsonAsync($"/api/projects/{projectId}/stages/{stage}/accept", new { commandId = NewCommand(), customerSigned = true }));
        Assert.Equal("accepted", accepted["stages"]!.AsArray().First(s => s!.Str("stage") == stage)!.Str("state"));
    }

    private Task RepairSweepAsync(string repairId) =>
        Api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IRepairGrain>(repairId).AsReference<IRemindable>().ReceiveReminder("sweep", default);

    private static Task<JsonObject> StepAsync(HttpClient client, string complaintId, object step) =>
        ExpectAsync(HttpStatusCode.OK, client.PostAsJsonAsync($"/api/complaints/{complaintId}/steps", step));

    private Task ProjectSweepAsync(string projectId) =>
        Api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectGrain>(projectId).AsReference<IRemindable>().ReceiveReminder("sweep", default);

    private Task DeskSweepAsync(string storeId) =>
        Api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IComplaintDeskGrain>(storeId).AsReference<IRemindable>().ReceiveReminder(ComplaintDeskGrain.SweepReminder, default);

    private static async Task<List<JsonNode>> TasksAsync(HttpClient client, string path)
    {
        var body = await ExpectAsync(HttpStatusCode.OK, client.GetAsync(path));
        return [.. body["array"]!.AsArray().Select(n => n!)];
    }

    /// <summary>The tasks of one owner (a project, a repair) on the caller's list: the <c>leadId</c> column holds the owner.</summary>
    private static async Task<List<JsonNode>> OwnedTasksAsync(HttpClient client, string ownerId, string? state) =>
        [.. (await TasksAsync(client, state is null ? "/api/tasks" : $"/api/tasks?state={state}")).Where(t => t.Str("leadId") == ownerId)];

    private static async Task<List<JsonNode>> ComplaintsAsync(HttpClient client, string storeId, string state) =>
        await TasksAsync(client, $"/api/complaints?storeId={storeId}&state={state}");

    private static async Task<JsonNode?> OwnerAsync(HttpClient hq, string customerId) =>
        (await ExpectAsync(HttpStatusCode.OK, hq.GetAsync($"/api/customers/{customerId}")))["owner"];

    /// <summary>The next <paramref name="count"/> complaint events on the service board: (type, complaint id).</summary>
    private static async Task<List<(string Type, string ComplaintId)>> ComplaintEventsAsync(ComplaintBoardClient board, int count)
    {
        var events = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            var message = await board.NextAsync();
            Assert.Equal(ServiceMessages.ComplaintEvent, message.Target);
            events.Add((message.Argument.GetProperty("type").GetString()!, message.Argument.GetProperty("complaint").GetProperty("complaintId").GetString()!));
        }

        return events;
    }

    private static string? LeadOf(HubMessage message) =>
        message.Argument.TryGetProperty("change", out var change) && change.ValueKind == System.Text.Json.JsonValueKind.Object
        && change.TryGetProperty("lead", out var lead) && lead.ValueKind == System.Text.Json.JsonValueKind.Object
            ? lead.GetProperty("leadId").GetString()
            : null;

    private static Task<HubMessage> BoardEventAsync(ScreenClient board, string type, string leadId) =>
        board.WaitForAsync(m => m.Target == BoardMessages.BoardEvent && m.Argument.GetProperty("type").GetString() == type && LeadOf(m) == leadId, $"{type} of {leadId} on the board");
}
