using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// Issue 11's reports on the PostgreSQL journal (the ADO.NET providers and the project's scripts, two silos): fault
/// slips, the lost report and the task list read the same there as in memory.
/// </summary>
public sealed class IntakeAndSigningPostgresTests
{
    [Fact]
    public async Task FaultSlipsTheLostReportAndTheTaskListReadFromThePostgresJournal()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, clock: clock);
        var chain = new Chain(cluster.Client);
        var reports = cluster.Client.GetGrain<IReportsGrain>(0);
        var store = await chain.NewStoreAsync();
        var s = chain.Store(store);

        var overridden = await chain.VisitAsync(store);
        await s.DispatchAsync(new DispatchCommand(overridden.LeadId, $"{store}-m1", $"{store}-g2-d1", "customer's wish"));
        var lost = await chain.VisitAsync(store);
        await s.CloseLeadAsync(lost.LeadId, new CloseLead(LeadOutcome.Lost, "postponed", "moving next year"));
        clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(s);
        await Chain.SweepAsync(s);
        await s.CompleteTaskAsync($"{overridden.LeadId}.three-day-follow-up", $"{store}-g2-d1", "called", "done-1");
        clock.Advance(TimeSpan.FromDays(2));

        var slip = Assert.Single(await reports.GetFaultSlipsAsync(store, "Asia/Shanghai", 2026, 11));
        var report = await reports.GetLostReportAsync(store, "Asia/Shanghai", 2026, 11);
        var open = await reports.GetTasksAsync(store, "sup", TaskStates.Open, escalatedOfStore: true);
        var done = await reports.GetTasksAsync(store, $"{store}-g2-d1", TaskStates.Done);

        Assert.Equal((overridden.LeadId, DispatchRuleCodes.OwnGroupFirst), (slip.LeadId, slip.Rules.Single()));
        Assert.Equal(("postponed", "moving next year"), (report.Managers.Single().ByReason.Single().Reason, report.Managers.Single().Analyses.Single().Analysis));
        Assert.Equal(($"{overridden.LeadId}.three-day-callback", true), (open.Single().TaskId, open.Single().Escalated));
        Assert.Equal(("called", $"{store}-g2-d1"), (done.Single().Note, done.Single().ClosedBy));
    }
}
