using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// After-sales repairs on two-silo clusters with an injected clock: the warranty read from the project's completion in
/// the journal, the flow with a rejected visit, callbacks opened by the repair's sweep (delivered directly after the
/// clock moved), each deadline met and missed (recorded once), and a sweep after a silo restart taking effect once.
/// </summary>
public sealed class RepairGrainTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task ARepairRunsFromFeedbackThroughARejectedVisitToAcceptanceAndItsCallbacksOpenWhenDue()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: _clock);
        var (store, project) = await CompletedProjectAsync(cluster);
        _clock.Advance(TimeSpan.FromDays(40));
        var repair = cluster.Client.GetGrain<IRepairGrain>(RepairIds.For(project.ProjectId, "c1"));

        var opened = await repair.OpenAsync(Open(project, store, RepairCategory.Plumbing), "c1");
        var again = await repair.OpenAsync(Open(project, store, RepairCategory.Plumbing), "c1");
        await repair.AssessAsync(new AssessRepair("leaking trap", RepairSeverity.Medium, "replace the trap", null, "svc"), "a1");
        await repair.ScheduleAsync(new ScheduleRepair("Lao Zhang", _clock.GetUtcNow().AddDays(1), true, "svc"), "s1");
        await repair.RecordRepairedAsync("replaced", "svc", "r1");
        var rejected = await repair.RecordAcceptanceAsync(false, "still drips", "svc", "x1");
        await repair.ScheduleAsync(new ScheduleRepair("Lao Li", _clock.GetUtcNow().AddDays(1), true, "svc"), "s2");
        await repair.RecordRepairedAsync(null, "svc", "r2");
        var accepted = await repair.RecordAcceptanceAsync(true, null, "svc", "x2");
        var afterAcceptance = await cluster.Journal.TasksAsync(new TaskQuery(store, TaskAssignees.Service(store)));

        var (day3, day10) = (CallbackRules.AftercareDue(accepted.AcceptedAt!.Value, 3, "Asia/Shanghai"), CallbackRules.AftercareDue(accepted.AcceptedAt!.Value, 10, "Asia/Shanghai"));
        _clock.Advance(day3 - _clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(repair);
        var afterDay3 = await cluster.Journal.TasksAsync(new TaskQuery(store, TaskAssignees.Service(store)));

        Assert.Equal((WarrantyCoverage.Free, RepairState.Reported), (opened.Warranty.Coverage, opened.State));
        Assert.Equal(opened, again);
        Assert.Equal(RepairState.Assessed, rejected.State);
        Assert.Equal(RepairState.Accepted, accepted.State);
        Assert.Equal(2, accepted.Visits.Length);
        var first = Assert.Single(afterAcceptance);
        Assert.Equal(($"{opened.RepairId}.callback1-call", opened.RepairId, day3), (first.TaskId, first.LeadId, first.DueAt));
        Assert.Equal([$"{opened.RepairId}.callback1-call", $"{opened.RepairId}.callback2-call"], afterDay3.Select(t => t.TaskId));
        Assert.Equal(day10, afterDay3[1].DueAt);
        var states = await cluster.Client.GetGrain<IReportsGrain>(0).GetRepairsAsync(store, null);
        Assert.Equal(RepairState.Accepted, Assert.Single(states).State);
        var kinds = (await cluster.Journal.ReadAsync(new JournalQuery(JournalKinds.Repair, Subject: opened.RepairId))).Select(e => e.Kind);
        Assert.Equal(["repair-opened", "repair-assessed", "repair-scheduled", "repair-done", "repair-rejected", "repair-scheduled", "repair-done", "repair-accepted"], kinds);
    }

    [Fact]
    public async Task EachDeadlineMetLeavesNoMissAndEachDeadlineMissedIsRecordedOnce()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: _clock);
        var (store, project) = await CompletedProjectAsync(cluster);
        var repair = await AcceptedRepairAsync(cluster, project, store, "m1");
        var id = (await repair.GetAsync())!.RepairId;

        // Callback 1 done within 3 days (met); callback 2 never made (missed after day 10).
        _clock.Advance(TimeSpan.FromDays(2));
        await repair.CompleteTaskAsync($"{id}.callback1-call", "svc", "all fine", "t1");
        await AdvancePastAsync(repair, 3);
        await Chain.SweepAsync(repair);
        await AdvancePastAsync(repair, 10);
        await Chain.SweepAsync(repair);
        await Chain.SweepAsync(repair);

        // Callback 3: a problem; the ticket is done within the hour (met), the re-check is not made within 24 h (missed).
        var raised = await repair.ReportProblemAsync($"{id}.callback3-call", new CallbackProblem("construction", "cracked grout", "svc"), "p1");
        _clock.Advance(TimeSpan.FromMinutes(50));
        await repair.CompleteTaskAsync($"{id}.callback3-ticket", "pm-1", "regrouted", "t2");
        await Chain.SweepAsync(repair);
        _clock.Advance(TimeSpan.FromHours(24));
        await Chain.SweepAsync(repair);
        await Chain.SweepAsync(repair);

        var missed = (await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.TaskOverdue], StoreId: store))).Select(e => e.Subject);
        Assert.Equal([$"{id}.callback2-call", $"{id}.callback3-recheck"], missed);
        Assert.Equal(($"construction:{store}", $"service:{store}"), (raised[0].AssigneeId, raised[1].AssigneeId));
        var tasks = (await cluster.Journal.TasksAsync(new TaskQuery(store))).ToDictionary(t => t.TaskId);
        Assert.Equal(("done", "done", "open", "done", "open"), (tasks[$"{id}.callback1-call"].State, tasks[$"{id}.callback3-ticket"].State, tasks[$"{id}.callback2-call"].State, tasks[$"{id}.callback3-call"].State, tasks[$"{id}.callback3-recheck"].State));

        // The last open tasks done: the repair's record is complete.
        await repair.CompleteTaskAsync($"{id}.callback2-call", "svc", "late, fine", "t3");
        var closed = await repair.CompleteTaskAsync($"{id}.callback3-recheck", "svc", "solved", "t4");
        Assert.Equal("done", closed.State);
        Assert.Equal(RepairState.Closed, (await repair.GetAsync())!.State);
    }

    [Fact]
    public async Task TheWarrantyIsReadFromTheProjectsCompletionGeneralTwoYearsWaterproofingFive()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: _clock);
        var (store, project) = await CompletedProjectAsync(cluster);
        var completedOn = StoreCalendarDate(project.EndedAt!.Value);

        // The anniversary day (store-local) is still free; the next day is paid; waterproofing is free for five years.
        _clock.SetUtcNow(new DateTimeOffset(completedOn.AddYears(2).ToDateTime(new TimeOnly(22, 0)), TimeSpan.FromHours(8)));
        var onTheDay = await OpenAsync(cluster, project, store, RepairCategory.Tiling, "w1");
        _clock.Advance(TimeSpan.FromHours(3));
        var dayAfter = await OpenAsync(cluster, project, store, RepairCategory.Tiling, "w2");
        var waterproofing = await OpenAsync(cluster, project, store, RepairCategory.Waterproofing, "w3");

        Assert.Equal(WarrantyCoverage.Free, onTheDay.Warranty.Coverage);
        Assert.Equal(WarrantyCoverage.Paid, dayAfter.Warranty.Coverage);
        Assert.Equal((WarrantyCoverage.Free, 5), (waterproofing.Warranty.Coverage, waterproofing.Warranty.Years));
        Assert.Equal(project.EndedAt, dayAfter.Warranty.CompletedAt);
        Assert.Contains("after the warranty, paid", dayAfter.Warranty.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProjectNotCompletedTakesNoRepairAndNothingIsRecorded()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: _clock);
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync(groups: 1);
        var (visit, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var signed = await chain.Store(store).RecordContractAsync(visit.LeadId, new RecordContract(180000, "王小明"));
        var project = (await cluster.Client.GetGrain<ICustomerGrain>(visit.CustomerId).GetProjectAsync(signed.Owner.ProjectId!))!;
        var repair = cluster.Client.GetGrain<IRepairGrain>(RepairIds.For(project.ProjectId, "n1"));

        var error = await Assert.ThrowsAsync<CrmException>(() => repair.OpenAsync(Open(project, store, RepairCategory.Plumbing), "n1"));

        Assert.Equal((CrmErrorKind.Conflict, "projectId"), (error.Kind, error.Field));
        Assert.Null(await repair.GetAsync());
        Assert.Empty(await cluster.Journal.ReadAsync(new JournalQuery(JournalKinds.Repair, StoreId: store)));
    }

    [Fact]
    public async Task ASweepAfterASiloRestartTakesEffectOnce()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, clock: _clock);
        var (store, project) = await CompletedProjectAsync(cluster);
        var repair = await AcceptedRepairAsync(cluster, project, store, "k1");
        var id = (await repair.GetAsync())!.RepairId;
        var day10 = CallbackRules.AftercareDue((await repair.GetAsync())!.AcceptedAt!.Value, 10, "Asia/Shanghai");
        await AdvancePastAsync(repair, 3);
        await Chain.SweepAsync(repair);

        // Every silo goes and comes back (one at a time, so the cluster stays): the repair reactivates from storage.
        foreach (var silo in cluster.Silos.ToList())
        {
            await cluster.StartAdditionalSiloAsync();
            await cluster.KillSiloAsync(silo);
        }

        // Day 10 passes while the silos restart: the sweep after the restart opens callback 3 and records callback 2's
        // miss, once. Delivered through a new silo until the cluster has settled (a sweep that fails midway is retried, as Orleans
        // retries a reminder), then once more.
        var afterRestart = cluster.GrainFactoryOf(cluster.Silos[^1]).GetGrain<IRepairGrain>(id);
        _clock.Advance(day10 - _clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await Eventually.UntilAsync(async () =>
        {
            await Chain.SweepAsync(afterRestart);
            return true;
        }, "the repair's sweep is delivered after the restart");
        await Chain.SweepAsync(afterRestart);

        var opened = await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.TaskOpened], StoreId: store));
        var missed = await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.TaskOverdue], StoreId: store));
        Assert.Equal([$"{id}.callback1-call", $"{id}.callback2-call", $"{id}.callback3-call"], opened.Select(e => e.Subject));
        Assert.Equal([$"{id}.callback1-call", $"{id}.callback2-call"], missed.Select(e => e.Subject));
        Assert.Equal(3, (await afterRestart.GetAsync())!.Tasks.Length);

        // The PostgreSQL task list derived one row per callback, for the store's customer service, owned by the repair.
        var rows = await cluster.Journal.TasksAsync(new TaskQuery(store));
        Assert.Equal(opened.Select(e => e.Subject), rows.Select(t => t.TaskId));
        Assert.All(rows, t => Assert.Equal((TaskAssignees.Service(store), id, "repair-callback"), (t.AssigneeId, t.LeadId, t.Rule)));
    }

    private static DateOnly StoreCalendarDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static OpenRepair Open(ProjectView project, string store, RepairCategory category) =>
        new(project.ProjectId, project.CustomerId, store, "Asia/Shanghai", category, "water under the sink", RepairSeverity.Medium, "svc");

    private static Task<RepairView> OpenAsync(CrmTestCluster cluster, ProjectView project, string store, RepairCategory category, string command) =>
        cluster.Client.GetGrain<IRepairGrain>(RepairIds.For(project.ProjectId, command)).OpenAsync(Open(project, store, category), command);

    private static async Task<IRepairGrain> AcceptedRepairAsync(CrmTestCluster cluster, ProjectView project, string store, string command)
    {
        var repair = cluster.Client.GetGrain<IRepairGrain>(RepairIds.For(project.ProjectId, command));
        await repair.OpenAsync(Open(project, store, RepairCategory.Plumbing), command);
        await repair.AssessAsync(new AssessRepair("leak", RepairSeverity.Low, "reseal", null, "svc"), $"{command}-a");
        await repair.ScheduleAsync(new ScheduleRepair("Lao Zhang", DateTimeOffset.UtcNow, true, "svc"), $"{command}-s");
        await repair.RecordRepairedAsync(null, "svc", $"{command}-r");
        await repair.RecordAcceptanceAsync(true, null, "svc", $"{command}-x");
        return repair;
    }

    /// <summary>A store with a signed project whose completion was accepted now.</summary>
    private static async Task<(string Store, ProjectView Project)> CompletedProjectAsync(CrmTestCluster cluster)
    {
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync(groups: 1);
        var (visit, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var signed = await chain.Store(store).RecordContractAsync(visit.LeadId, new RecordContract(180000, "王小明"));
        var project = await cluster.Client.GetGrain<ICustomerGrain>(visit.CustomerId).CompleteProjectAsync(signed.Owner.ProjectId!, "sup", "complete");
        return (store, project);
    }

    /// <summary>Moves the rules' clock just past the +<paramref name="days"/> callback's due time (the end of that store-local day).</summary>
    private async Task AdvancePastAsync(IRepairGrain repair, int days)
    {
        var due = CallbackRules.AftercareDue((await repair.GetAsync())!.AcceptedAt!.Value, days, "Asia/Shanghai");
        _clock.Advance(due - _clock.GetUtcNow() + TimeSpan.FromMinutes(1));
    }
}
