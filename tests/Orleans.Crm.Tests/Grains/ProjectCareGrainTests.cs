using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// Issue 12 (projects and their callbacks) through the grains: two silos, in-memory storage and journal, a fake rules
/// clock from Tuesday 2026-11-03 10:00 in Shanghai that tests move, then deliver the project's sweep as its reminder would.
/// </summary>
public sealed class ProjectCareGrainTests : IAsyncLifetime
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 10, 0, 0, Cst));
    private CrmTestCluster _cluster = null!;
    private Chain _chain = null!;

    private IReportsGrain Reports => _cluster.Client.GetGrain<IReportsGrain>(0);

    public async Task InitializeAsync()
    {
        _cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: _clock);
        _chain = new Chain(_cluster.Client);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>A store and a project with a signed contract: (store, project id, manager id).</summary>
    internal static async Task<(string Store, string ProjectId, string ManagerId)> SignedProjectAsync(Chain chain, bool contract = true)
    {
        var store = await chain.NewStoreAsync(groups: 1);
        var (visit, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var deposit = await chain.Store(store).RecordDepositAsync(visit.LeadId, new RecordDeposit(5000, "王小明"));
        if (contract)
        {
            await chain.Store(store).RecordContractAsync(visit.LeadId, new RecordContract(180000, "王小明"));
        }

        return (store, deposit.Owner.ProjectId!, $"{store}-m1");
    }

    /// <summary>Starts and accepts (with the customer) every stage before <paramref name="stage"/>, as the store's supervisor.</summary>
    internal static async Task WalkToAsync(IProjectGrain project, string stage, Action<string>? between = null)
    {
        foreach (var s in ProjectStages.All.TakeWhile(s => s != stage))
        {
            await project.StartStageAsync(new StageCommand(s, "sup-1", "supervisor", null, false));
            between?.Invoke(s);
            await project.AcceptStageAsync(new StageCommand(s, "sup-1", "supervisor", null, true));
        }
    }

    private IProjectGrain Project(string projectId) => _cluster.Client.GetGrain<IProjectGrain>(projectId);

    private Task<IReadOnlyList<JournalEntry>> EventsAsync(string kind, string subject) => _cluster.Journal.ReadAsync(new JournalQuery([kind], Subject: subject));

    [Fact]
    public async Task StagesRunInOrderAndCompletionAcceptanceEndsTheOwnershipRecordingProjectCompletedOnce()
    {
        var (store, projectId, managerId) = await SignedProjectAsync(_chain);
        var project = Project(projectId);

        await WalkToAsync(project, ProjectStages.CompletionAcceptance);
        var beforeCompletion = await project.GetAsync();
        await project.StartStageAsync(new StageCommand(ProjectStages.CompletionAcceptance, "pm-1", "pm", null, false));
        _clock.Advance(TimeSpan.FromHours(2));
        var accepted = await project.AcceptStageAsync(new StageCommand(ProjectStages.CompletionAcceptance, "pm-1", "pm", "all good", true), "accept-1");
        var retried = await project.AcceptStageAsync(new StageCommand(ProjectStages.CompletionAcceptance, "pm-1", "pm", "all good", true), "accept-1");

        Assert.Equal((ProjectStatus.Open, ProjectStages.CompletionAcceptance), (beforeCompletion.Status, beforeCompletion.CurrentStage));
        Assert.Equal((ProjectStatus.Completed, "completed", ProjectStages.FinalSettlement), (accepted.Status, accepted.EndReason, accepted.CurrentStage));
        Assert.Equal(accepted.CompletedAt, retried.CompletedAt);
        Assert.Equal((store, managerId, 180000m), (accepted.StoreId, accepted.ManagerId, accepted.ContractAmount));
        Assert.Null((await _cluster.Client.GetGrain<ICustomerGrain>(accepted.CustomerId).GetAsync())!.Owner);

        // What after-sales computes the warranty from: one project-completed event at the completion acceptance.
        var completed = Assert.Single(await EventsAsync(JournalKinds.ProjectCompleted, projectId));
        var data = System.Text.Json.JsonSerializer.Deserialize<ProjectEnded>(completed.Data, CrmJson.Options)!;
        Assert.Equal((_clock.GetUtcNow(), store, projectId, "completed", "pm-1"), (completed.At, completed.StoreId, data.ProjectId, data.Reason, data.EndedBy));
        Assert.Equal((ProjectStages.All.Count - 1) * 2, (await EventsAsync(JournalKinds.ProjectStage, projectId)).Count);
    }

    [Fact]
    public async Task StartingAStageBeforeThePreviousIsAcceptedIsRefusedNamingItAndChangesNothing()
    {
        var (_, projectId, _) = await SignedProjectAsync(_chain);
        var project = Project(projectId);
        await project.StartStageAsync(new StageCommand(ProjectStages.Measurement, "m-1", "manager", null, false));

        var early = await Assert.ThrowsAsync<CrmException>(() => project.StartStageAsync(new StageCommand(ProjectStages.Quote, "m-1", "manager", null, false), "q"));
        var wrongRole = await Assert.ThrowsAsync<CrmException>(() => project.AcceptStageAsync(new StageCommand(ProjectStages.Measurement, "pm-1", "pm", null, true), "a"));

        Assert.Equal((CrmErrorKind.Conflict, "stage"), (early.Kind, early.Field));
        Assert.Contains(ProjectStages.Measurement, early.Message, StringComparison.Ordinal);
        Assert.Equal(CrmErrorKind.Forbidden, wrongRole.Kind);
        var now = await project.GetAsync();
        Assert.Equal((StageStates.Started, StageStates.Pending), (now.Stages[0].State, now.Stages[1].State));
        Assert.Single(await EventsAsync(JournalKinds.ProjectStage, projectId));
    }

    [Fact]
    public async Task TheContractStageWaitsForTheSignedContractAndCompletionIsRefusedOnADepositOnlyProject()
    {
        var (_, projectId, _) = await SignedProjectAsync(_chain, contract: false);
        var project = Project(projectId);
        await WalkToAsync(project, ProjectStages.Contract);
        await project.StartStageAsync(new StageCommand(ProjectStages.Contract, "sup-1", "supervisor", null, false));

        var refusal = await Assert.ThrowsAsync<CrmException>(() => project.AcceptStageAsync(new StageCommand(ProjectStages.Contract, "sup-1", "supervisor", null, true)));

        Assert.Equal(CrmErrorKind.Conflict, refusal.Kind);
        Assert.Equal(ProjectStages.Contract, (await project.GetAsync()).CurrentStage);
    }

    [Fact]
    public async Task WeeklyCallbacksOpenForTheManagerEachWeekFromTheSiteStartAndAMissedOneIsOverdueThenEscalated()
    {
        var (store, projectId, managerId) = await SignedProjectAsync(_chain);
        var project = Project(projectId);
        await WalkToAsync(project, ProjectStages.CrewIn);
        await Chain.SweepAsync(project);
        var beforeSite = await Reports.GetTasksAsync(store, managerId, null);

        await project.StartStageAsync(new StageCommand(ProjectStages.CrewIn, "pm-1", "pm", null, false));
        var week1 = Assert.Single(await Reports.GetTasksAsync(store, managerId, null));

        // Week 1 met: called within the week.
        _clock.Advance(TimeSpan.FromDays(5));
        await _cluster.Client.GetGrain<IProjectGrain>(projectId).CompleteTaskAsync(week1.TaskId, managerId, "called, all fine");

        // Week 2 opens when week 1 falls due (Tuesday 10 November, local midnight) — and not before.
        await Chain.SweepAsync(project);
        var stillOne = await Reports.GetTasksAsync(store, managerId, null);
        _clock.Advance(TimeSpan.FromDays(2));
        await Chain.SweepAsync(project);
        await Chain.SweepAsync(project);
        var week2 = (await Reports.GetTasksAsync(store, managerId, TaskStates.Open)).Single();

        // Week 2 missed: after its due time it is overdue, and a day later escalated; week 3 has opened meanwhile.
        _clock.Advance(TimeSpan.FromDays(8));
        await Chain.SweepAsync(project);
        var late = await Reports.GetTasksAsync(store, managerId, TaskStates.Open);

        Assert.Empty(beforeSite);
        Assert.Equal(($"{projectId}.weekly-1-callback", "weekly-callback", projectId, new DateTimeOffset(2026, 11, 10, 0, 0, 0, Cst)), (week1.TaskId, week1.Rule, week1.LeadId, week1.DueAt));
        Assert.Single(stillOne);
        Assert.Equal(($"{projectId}.weekly-2-callback", new DateTimeOffset(2026, 11, 17, 0, 0, 0, Cst), false), (week2.TaskId, week2.DueAt, week2.Overdue));
        Assert.Equal([$"{projectId}.weekly-2-callback", $"{projectId}.weekly-3-callback"], late.Select(t => t.TaskId));
        Assert.True(late[0].Overdue && late[0].Escalated);
        Assert.False(late[1].Overdue);
        Assert.Equal(3, (await _cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.TaskOpened], store))).Count);
    }

    [Fact]
    public async Task AfterCompletionAcceptanceTheServiceDeskGetsCallbacksAt3_10And30DaysEachOpenedOnceByTheSweep()
    {
        var (store, projectId, _) = await SignedProjectAsync(_chain);
        var project = Project(projectId);
        await WalkToAsync(project, ProjectStages.CompletionAcceptance);
        await project.StartStageAsync(new StageCommand(ProjectStages.CompletionAcceptance, "pm-1", "pm", null, false));
        await project.AcceptStageAsync(new StageCommand(ProjectStages.CompletionAcceptance, "pm-1", "pm", null, true));
        var desk = TaskIds.ServiceDesk(store);

        var atCompletion = await Reports.GetServiceDeskTasksAsync(store, null);

        // +3 met on day 2; +10 opens when +3 falls due (Saturday 7 November, local midnight).
        _clock.Advance(TimeSpan.FromDays(2));
        await project.CompleteTaskAsync(atCompletion[0].TaskId, "svc-1", "customer happy");
        _clock.Advance(TimeSpan.FromDays(2));
        await Chain.SweepAsync(project);
        await Chain.SweepAsync(project);
        var afterThree = await Reports.GetServiceDeskTasksAsync(store, TaskStates.Open);

        // +10 missed; on 2 December +30 has opened (still within its time) and +10 is escalated; a second sweep changes nothing.
        _clock.Advance(TimeSpan.FromDays(25));
        await Chain.SweepAsync(project);
        await Chain.SweepAsync(project);
        var all = await Reports.GetServiceDeskTasksAsync(null, null);

        var three = Assert.Single(atCompletion);
        Assert.Equal(($"{projectId}.aftercare-d3-callback", desk, "aftercare-callback", new DateTimeOffset(2026, 11, 7, 0, 0, 0, Cst)), (three.TaskId, three.AssigneeId, three.Rule, three.DueAt));
        Assert.Equal([$"{projectId}.aftercare-d10-callback"], afterThree.Select(t => t.TaskId));
        var mine = all.Where(t => t.LeadId == projectId).ToList();
        Assert.Equal([TaskStates.Done, TaskStates.Open, TaskStates.Open], mine.Select(t => t.State));
        Assert.Equal([new DateTimeOffset(2026, 11, 14, 0, 0, 0, Cst), new DateTimeOffset(2026, 12, 4, 0, 0, 0, Cst)], mine.Skip(1).Select(t => t.DueAt));
        Assert.True(mine[1].Escalated);
        Assert.False(mine[2].Overdue);
        Assert.Equal(3, (await _cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.TaskOpened], store))).Count(e => e.Subject!.Contains("aftercare", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FewerThanThreeDesignerSiteVisitsByCompletionAreFlaggedAndThreeAreNot()
    {
        var (_, few, _) = await SignedProjectAsync(_chain);
        var (_, enough, _) = await SignedProjectAsync(_chain);

        foreach (var (projectId, visits) in new[] { (few, 2), (enough, 3) })
        {
            var project = Project(projectId);
            await WalkToAsync(project, ProjectStages.CompletionAcceptance);
            for (var i = 0; i < visits; i++)
            {
                await project.RecordSiteVisitAsync("d-1", $"visit {i + 1}");
            }

            await project.StartStageAsync(new StageCommand(ProjectStages.CompletionAcceptance, "pm-1", "pm", null, false));
            await project.AcceptStageAsync(new StageCommand(ProjectStages.CompletionAcceptance, "pm-1", "pm", null, true));
        }

        var flagged = await Project(few).GetAsync();
        var fine = await Project(enough).GetAsync();
        Assert.Equal((2, true), (flagged.SiteVisits.Length, flagged.SiteVisitsFlagged));
        Assert.Equal((3, false), (fine.SiteVisits.Length, fine.SiteVisitsFlagged));
        await Assert.ThrowsAsync<CrmException>(() => Project(few).RecordSiteVisitAsync("d-1", "too late"));
    }

    [Fact]
    public async Task AChangeOrderIsPendingUntilTheCustomerSignsItOnce()
    {
        var (_, projectId, _) = await SignedProjectAsync(_chain);
        var project = Project(projectId);

        var change = await project.RequestChangeAsync(new ChangeOrderCommand("move the kitchen wall", 3200m, "d-1"), "c");
        var again = await project.RequestChangeAsync(new ChangeOrderCommand("move the kitchen wall", 3200m, "d-1"), "c");
        var signed = await project.SignChangeAsync(change.ChangeId, "m-1", "s");
        var twice = await Assert.ThrowsAsync<CrmException>(() => project.SignChangeAsync(change.ChangeId, "m-1", "s2"));
        var unknown = await Assert.ThrowsAsync<CrmException>(() => project.SignChangeAsync("c9", "m-1", "s3"));

        Assert.Equal((ChangeOrderStates.Pending, change.ChangeId), (change.State, again.ChangeId));
        Assert.Equal((ChangeOrderStates.Signed, "m-1"), (signed.State, signed.SignedBy));
        Assert.Equal((CrmErrorKind.Conflict, CrmErrorKind.NotFound), (twice.Kind, unknown.Kind));
        Assert.Single((await project.GetAsync()).Changes);
    }

    [Fact]
    public async Task AnUnknownProjectIsNotFoundAndAReleasedOneTakesNoStages()
    {
        var (store, projectId, _) = await SignedProjectAsync(_chain, contract: false);
        var lead = (await Project(projectId).GetAsync()).Owner.LeadId;
        await _chain.Store(store).EndDepositAsync(lead, CloseReasons.DepositRefunded, "moved abroad", "sup-1", "end");

        var unknown = await Assert.ThrowsAsync<CrmException>(() => Project(projectId[..^1] + "7").GetAsync());
        var released = await Assert.ThrowsAsync<CrmException>(() => Project(projectId).StartStageAsync(new StageCommand(ProjectStages.Measurement, "m-1", "manager", null, false)));

        Assert.Equal((CrmErrorKind.NotFound, CrmErrorKind.Conflict), (unknown.Kind, released.Kind));
    }

    [Fact]
    public async Task TheCallbackReportCountsTheManagersWeeklyCallbacksDueInTheMonthOnTimeLateAndMissedWithTheScore()
    {
        var (store, projectId, managerId) = await SignedProjectAsync(_chain);
        var project = Project(projectId);
        await WalkToAsync(project, ProjectStages.CrewIn);
        await project.StartStageAsync(new StageCommand(ProjectStages.CrewIn, "pm-1", "pm", null, false));

        // Week 1 (due 10 Nov) on time; week 2 (due 17 Nov) late; week 3 (due 24 Nov) missed; week 4 (due 1 Dec) not due yet.
        _clock.Advance(TimeSpan.FromDays(5));
        await project.CompleteTaskAsync(CallbackRulesTasks(projectId, 1), managerId, null);
        _clock.Advance(TimeSpan.FromDays(10));
        await Chain.SweepAsync(project);
        await project.CompleteTaskAsync(CallbackRulesTasks(projectId, 2), managerId, "late");
        _clock.Advance(TimeSpan.FromDays(7));
        await Chain.SweepAsync(project);

        var report = await Reports.GetCallbackReportAsync(store, "Asia/Shanghai", 2026, 11);
        var december = await Reports.GetCallbackReportAsync(store, "Asia/Shanghai", 2026, 12);

        var manager = Assert.Single(report.Managers);
        Assert.Equal((managerId, 3, 1, 1, 1, 33.3m, 0m), (manager.ManagerId, manager.Due, manager.OnTime, manager.Late, manager.Missed, manager.Rate, manager.Score));
        Assert.Equal("2026-11", report.Month);
        Assert.Empty(december.Managers);
    }

    private static string CallbackRulesTasks(string projectId, int week) => Orleans.Crm.Grains.Rules.CallbackRules.WeeklyTaskId(projectId, week);
}
