using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>A project's deadlines on PostgreSQL (grain state, reminders and the journal there) across a silo restart.</summary>
public sealed class ProjectCarePostgresTests
{
    [Fact]
    public async Task ASweepAfterASiloRestartOpensEachCallbackOnceAndCatchesUpOnWhatFellDueMeanwhile()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, clock: clock);
        var chain = new Chain(cluster.Client);
        var (store, projectId, managerId) = await ProjectCareGrainTests.SignedProjectAsync(chain);
        var project = cluster.Client.GetGrain<IProjectGrain>(projectId);
        await ProjectCareGrainTests.WalkToAsync(project, ProjectStages.CrewIn);
        await project.StartStageAsync(new StageCommand(ProjectStages.CrewIn, "pm-1", "pm", null, false));
        clock.Advance(TimeSpan.FromDays(8));
        await Chain.SweepAsync(project);

        // A silo dies and another starts; every activation is dropped, so the project comes back from PostgreSQL.
        await cluster.KillSiloAsync(cluster.Silos[^1]);
        await cluster.StartAdditionalSiloAsync();
        await Eventually.UntilAsync(async () => { await cluster.CollectAllActivationsAsync(); return true; }, "activations are collected after the restart");

        // Week 3 fell due meanwhile; the reminder is at least once, so the sweep may come twice.
        clock.Advance(TimeSpan.FromDays(7));
        await Eventually.UntilAsync(async () => { await Chain.SweepAsync(project); return true; }, "the sweep reaches the project after the restart");
        await Chain.SweepAsync(project);

        var opened = await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.TaskOpened], store));
        Assert.Equal(
            [$"{projectId}.weekly-1-callback", $"{projectId}.weekly-2-callback", $"{projectId}.weekly-3-callback"],
            opened.Select(e => e.Subject!).Order(StringComparer.Ordinal));
        var tasks = await cluster.Journal.TasksAsync(new TaskQuery(store, managerId));
        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, t => Assert.Equal((projectId, "weekly-callback"), (t.LeadId, t.Rule)));
        Assert.Equal(StageStates.Started, (await project.GetAsync()).Stages.First(s => s.Stage == ProjectStages.CrewIn).State);
    }

    [Fact]
    public async Task TheServiceDesksTasksOfEveryStoreAreFoundByTheAssigneePrefixInPostgres()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, silos: 1, clock: clock);
        var chain = new Chain(cluster.Client);
        var stores = new List<string>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var (store, projectId, _) = await ProjectCareGrainTests.SignedProjectAsync(chain);
            var project = cluster.Client.GetGrain<IProjectGrain>(projectId);
            await ProjectCareGrainTests.WalkToAsync(project, ProjectStages.CompletionAcceptance);
            await project.StartStageAsync(new StageCommand(ProjectStages.CompletionAcceptance, "pm-1", "pm", null, false));
            await project.AcceptStageAsync(new StageCommand(ProjectStages.CompletionAcceptance, "pm-1", "pm", null, true));
            stores.Add(store);
        }

        var reports = cluster.Client.GetGrain<IReportsGrain>(0);
        var chainWide = await reports.GetServiceDeskTasksAsync(null, TaskStates.Open);
        var one = await reports.GetServiceDeskTasksAsync(stores[0], null);

        Assert.Equal(stores.Select(TaskIds.ServiceDesk).Order(StringComparer.Ordinal), chainWide.Where(t => stores.Contains(t.StoreId)).Select(t => t.AssigneeId).Order(StringComparer.Ordinal));
        Assert.All(chainWide, t => Assert.StartsWith(TaskIds.ServiceDeskPrefix, t.AssigneeId, StringComparison.Ordinal));
        Assert.Equal(TaskIds.ServiceDesk(stores[0]), Assert.Single(one).AssigneeId);
    }
}
