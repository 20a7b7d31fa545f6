using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// Issue 11 through the grains (two silos, in-memory storage and journal, a fake rules clock on Saturday 2026-11-21 in
/// Shanghai): fault slips of rule-breaking overrides, close reasons and the lost report, follow-up tasks.
/// </summary>
public sealed class IntakeAndSigningGrainTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)));
    private CrmTestCluster _cluster = null!;
    private Chain _chain = null!;

    private IReportsGrain Reports => _cluster.Client.GetGrain<IReportsGrain>(0);

    public async Task InitializeAsync()
    {
        _cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: _clock);
        _chain = new Chain(_cluster.Client);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AnOverrideThatBreaksTheRulesRecordsAFaultSlipOfTheDispatchingManagerAndOneThatKeepsThemDoesNot()
    {
        var store = await _chain.NewStoreAsync();
        var broken = await _chain.VisitAsync(store);
        var faithful = await _chain.VisitAsync(store);

        // g1-d3 while g1-d1 (rank 1) is free: rank order broken. Then g1-d1 itself: what the rules would do.
        await _chain.Store(store).DispatchAsync(new DispatchCommand(broken.LeadId, $"{store}-m1", $"{store}-g1-d3", "customer asked for her", By: "sup-1"));
        await _chain.Store(store).DispatchAsync(new DispatchCommand(faithful.LeadId, $"{store}-m1", $"{store}-g1-d1", "top of the group anyway"));

        var slips = await Reports.GetFaultSlipsAsync(store, "Asia/Shanghai", 2026, 11);
        var slip = Assert.Single(slips);
        Assert.Equal(($"{store}-m1", broken.LeadId, $"{store}-g1-d3", "customer asked for her", "sup-1"), (slip.ManagerId, slip.LeadId, slip.DesignerId, slip.Reason, slip.By));
        Assert.Equal([DispatchRuleCodes.RankOrder], slip.Rules.ToArray());
        Assert.Contains("Senior 1", slip.RuleBroken, StringComparison.Ordinal);
        Assert.Equal(_clock.GetUtcNow(), slip.At);
        Assert.Empty(await Reports.GetFaultSlipsAsync(store, "Asia/Shanghai", 2026, 10));
    }

    [Fact]
    public async Task ClosingWithoutAReasonOrALostLeadWithoutAnAnalysisIsRefusedAndChangesNothing()
    {
        var store = await _chain.NewStoreAsync();
        var (visit, dispatch) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var s = _chain.Store(store);

        var noReason = await Assert.ThrowsAsync<CrmException>(() => s.CloseLeadAsync(visit.LeadId, new CloseLead(LeadOutcome.Invalid, null), "c1"));
        var noAnalysis = await Assert.ThrowsAsync<CrmException>(() => s.CloseLeadAsync(visit.LeadId, new CloseLead(LeadOutcome.Lost, "price", " "), "c2"));

        Assert.Equal(("reason", "analysis"), (noReason.Field, noAnalysis.Field));
        var lead = await _chain.LeadAsync(visit.LeadId);
        Assert.True(lead.Open);
        Assert.Contains(visit.LeadId, await _chain.HoldingAsync(dispatch.DesignerId!));
        Assert.Equal(0, await Reports.CountStoreEventsAsync(store, "lead-closed"));

        var closed = await s.CloseLeadAsync(visit.LeadId, new CloseLead(LeadOutcome.Lost, "Price", "budget halved after the quote", ClosedBy: $"{store}-m1"), "c2");
        Assert.Equal((LeadStatus.Lost, "price", "budget halved after the quote"), (closed.Status, closed.CloseReason, closed.Analysis));
        Assert.DoesNotContain(visit.LeadId, await _chain.HoldingAsync(dispatch.DesignerId!));
    }

    [Fact]
    public async Task TheLostReportCountsEachManagersLostLeadsOfTheLocalMonthByReasonWithTheAnalysesAndLeadsOwnedElsewhere()
    {
        var store = await _chain.NewStoreAsync();
        var s = _chain.Store(store);
        var m1a = await _chain.VisitAsync(store);
        var m1b = await _chain.VisitAsync(store);
        var invalid = await _chain.VisitAsync(store);
        var phone = Chain.NewPhone();
        var winner = await _chain.VisitAsync(store, phone);
        var loser = await _chain.VisitAsync(store, phone, appointmentWith: $"{store}-m2");
        await s.CloseLeadAsync(m1a.LeadId, new CloseLead(LeadOutcome.Lost, "price", "quote too high"));
        await s.CloseLeadAsync(m1b.LeadId, new CloseLead(LeadOutcome.Lost, "price", "found a cheaper crew"));
        await s.CloseLeadAsync(invalid.LeadId, new CloseLead(LeadOutcome.Invalid, "other", Note: "wrong number"));
        await s.RecordDepositAsync(winner.LeadId, new RecordDeposit(2000, "王小明"));

        // Saturday 10:00 in Shanghai + 9 days 14 h = 1 December 00:00 local: next month's.
        _clock.Advance(TimeSpan.FromDays(9) + TimeSpan.FromHours(14));
        var december = await _chain.VisitAsync(store);
        await s.CloseLeadAsync(december.LeadId, new CloseLead(LeadOutcome.Lost, "design", "wanted another style"));

        var report = await Reports.GetLostReportAsync(store, "Asia/Shanghai", 2026, 11);

        Assert.Equal(("2026-11", 3), (report.Month, report.Total));
        var m1 = Assert.Single(report.Managers, m => m.ManagerId == $"{store}-m1");
        Assert.Equal([new ReasonCount("price", 2)], m1.ByReason.ToArray());
        Assert.Equal(["found a cheaper crew", "quote too high"], m1.Analyses.Select(a => a.Analysis).Order(StringComparer.Ordinal));
        var m2 = Assert.Single(report.Managers, m => m.ManagerId == $"{store}-m2");
        Assert.Equal([new ReasonCount(CloseReasons.OwnedElsewhere, 1)], m2.ByReason.ToArray());
        Assert.Equal(winner.LeadId, Assert.Single(m2.Analyses).OwnedBy!.LeadId);
        var next = await Reports.GetLostReportAsync(store, "Asia/Shanghai", 2026, 12);
        Assert.Equal(("design", 1), (Assert.Single(Assert.Single(next.Managers).ByReason).Reason, next.Total));
    }

    [Fact]
    public async Task TheThreeDayRuleCreatesEachTaskOnceWithAnIdAnAssigneeADueTimeAndAState()
    {
        var store = await _chain.NewStoreAsync();
        var (visit, dispatch) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var dueAt = _clock.GetUtcNow() + TimeSpan.FromDays(4);

        _clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(_chain.Store(store));
        await Chain.SweepAsync(_chain.Store(store));

        var tasks = await Reports.GetTasksAsync(store, null, TaskStates.Open);
        Assert.Equal(
            [($"{visit.LeadId}.three-day-callback", $"{store}-m1"), ($"{visit.LeadId}.three-day-follow-up", dispatch.DesignerId!)],
            tasks.Select(t => (t.TaskId, t.AssigneeId)).Order());
        Assert.All(tasks, t => Assert.Equal((dueAt, "three-day", visit.LeadId, false), (t.DueAt, t.Rule, t.LeadId, t.Overdue)));
        Assert.Equal(2, (await _chain.LeadAsync(visit.LeadId)).Tasks.Length);
        Assert.Equal(2, await Reports.CountStoreEventsAsync(store, "task-opened"));
    }

    [Fact]
    public async Task ARecordedFollowUpCompletesTheLeadsOpenTasksAndClosingCancelsThem()
    {
        var store = await _chain.NewStoreAsync();
        var (followed, _) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var (closing, _) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        _clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(_chain.Store(store));

        await _chain.Store(store).RecordFollowUpAsync(followed.LeadId, $"{store}-m1", "phoned: measuring next week");
        await _chain.Store(store).CloseLeadAsync(closing.LeadId, new CloseLead(LeadOutcome.Invalid, "unreachable"));

        var all = await Reports.GetTasksAsync(store, null, null);
        Assert.All(all.Where(t => t.LeadId == followed.LeadId), t => Assert.Equal((TaskStates.Done, $"{store}-m1", "phoned: measuring next week"), (t.State, t.ClosedBy, t.Note)));
        Assert.All(all.Where(t => t.LeadId == closing.LeadId), t => Assert.Equal(TaskStates.Cancelled, t.State));
        Assert.Equal(4, all.Length);
        Assert.Empty(await Reports.GetTasksAsync(store, null, TaskStates.Open));
    }

    [Fact]
    public async Task ATaskIsDoneOncePerCommandAndAnUnknownOrClosedTaskIsRefused()
    {
        var store = await _chain.NewStoreAsync();
        var (visit, dispatch) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        _clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(_chain.Store(store));
        var s = _chain.Store(store);
        var taskId = $"{visit.LeadId}.three-day-follow-up";

        var done = await s.CompleteTaskAsync(taskId, dispatch.DesignerId!, "visited the flat", "done-1");
        var again = await s.CompleteTaskAsync(taskId, dispatch.DesignerId!, "visited the flat", "done-1");
        var twice = await Assert.ThrowsAsync<CrmException>(() => s.CompleteTaskAsync(taskId, dispatch.DesignerId!, null, "done-2"));
        var unknown = await Assert.ThrowsAsync<CrmException>(() => s.CompleteTaskAsync($"{visit.LeadId}.nothing-here", dispatch.DesignerId!, null, "done-3"));

        Assert.Equal((TaskStates.Done, dispatch.DesignerId, "visited the flat"), (done.State, done.ClosedBy, done.ClosingNote));
        Assert.Equal(done, again);
        Assert.Equal((CrmErrorKind.Conflict, CrmErrorKind.NotFound), (twice.Kind, unknown.Kind));
        Assert.Equal(1, await Reports.CountStoreEventsAsync(store, "task-done"));
        var callback = Assert.Single(await Reports.GetTasksAsync(store, $"{store}-m1", TaskStates.Open));
        Assert.Equal($"{visit.LeadId}.three-day-callback", callback.TaskId);
    }

    [Fact]
    public async Task AClaimedPoolLeadGetsTheThreeDayRuleCountedFromTheClaim()
    {
        var store = await _chain.NewStoreAsync();
        var pool = _chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var posted = await pool.PostAsync(new PostPoolLead("赵六", Chain.NewPhone(), VisitChannel.Web, "website"));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await pool.ClaimAsync(posted.LeadId, $"{store}-m2", store)).Claimed);
        await Eventually.UntilAsync(async () => (await _chain.LeadAsync(posted.LeadId)).StoreId == store, "the claim reaches the store");

        _clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(_chain.Store(store));
        Assert.Empty(await Reports.GetTasksAsync(store, null, null));

        _clock.Advance(TimeSpan.FromMinutes(2));
        await Chain.SweepAsync(_chain.Store(store));
        var task = Assert.Single(await Reports.GetTasksAsync(store, null, TaskStates.Open));
        var claimedAt = _clock.GetUtcNow() - TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1);
        Assert.Equal(($"{posted.LeadId}.three-day-{claimedAt.ToUnixTimeSeconds()}-callback", $"{store}-m2", "three-day"), (task.TaskId, task.AssigneeId, task.Rule));
    }

    [Fact]
    public async Task ATaskOverdueByMoreThanADayIsEscalatedOntoTheSupervisorsListFlagged()
    {
        var store = await _chain.NewStoreAsync();
        var (visit, _) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        _clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(_chain.Store(store));

        // Due one day after the rule fell due; escalated only more than 24 h after that.
        _clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(2));
        var overdue = await Reports.GetTasksAsync(store, "sup", TaskStates.Open, escalatedOfStore: true);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var escalated = await Reports.GetTasksAsync(store, "sup", TaskStates.Open, escalatedOfStore: true);
        var managers = await Reports.GetTasksAsync(store, $"{store}-m1", TaskStates.Open);

        Assert.Empty(overdue);
        Assert.Equal(2, escalated.Length);
        Assert.All(escalated, t => Assert.True(t.Escalated && t.Overdue && t.LeadId == visit.LeadId));
        Assert.True(Assert.Single(managers).Escalated);
    }
}
