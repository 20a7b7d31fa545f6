using System.Reflection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// Retention on a test cluster (issue 14): the sweep anonymises a lead closed more than three years ago (by the rules'
/// clock) — its archive and its journal events, the task rows derived from them too — and leaves a recent one alone.
/// </summary>
public sealed class RetentionGrainTests
{
    private static readonly string[] AllKinds = [.. typeof(JournalKinds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)];

    [Theory]
    [InlineData(StorageKind.Memory)]
    [InlineData(StorageKind.Postgres)]
    public async Task TheSweepAnonymisesALeadClosedMoreThanThreeYearsAgoAndLeavesARecentOne(StorageKind kind)
    {
        var start = new DateTimeOffset(2026, 1, 10, 10, 0, 0, TimeSpan.FromHours(8));
        var clock = new FakeTimeProvider(start);
        await using var cluster = await CrmTestCluster.StartAsync(kind, silos: 1, clock: clock);
        var chain = new Chain(cluster.Client);
        var storeId = await chain.NewStoreAsync(groups: 1, rotationStart: DateOnly.FromDateTime(start.Date));
        var store = chain.Store(storeId);
        var manager = $"{storeId}-m1";

        // The old lead: dispatched (its tasks open), followed up, closed now.
        var old = await store.RegisterVisitAsync(new RegisterVisit(
            "欧阳青霞", Chain.NewPhone(), VisitChannel.WalkIn, ReferrerName: "慕容秋水", ReferrerPhone: Chain.NewPhone(),
            Community: "锦绣江南", Address: "虹桥路1665弄37号1802室", Needs: new CustomerNeeds(98m, SpecialNeeds: "老人房要无障碍")));
        await chain.DispatchAsync(storeId, old.LeadId, manager);
        clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(store);

        // The three-day rule's tasks are done by the follow-up, whose note their task rows copy.
        await store.RecordFollowUpAsync(old.LeadId, manager, "客户想要北欧风格预算四十万");
        await store.CloseLeadAsync(old.LeadId, new CloseLead(LeadOutcome.Lost, CloseReasons.Price, Analysis: "嫌报价高已选隔壁", Note: "不再联系"));

        // The recent lead: registered and closed two years later.
        clock.Advance(TimeSpan.FromDays(2 * 365));
        var recent = await store.RegisterVisitAsync(new RegisterVisit("司马长风", Chain.NewPhone(), VisitChannel.WalkIn, Address: "南京西路1号"));
        await store.CloseLeadAsync(recent.LeadId, new CloseLead(LeadOutcome.Lost, CloseReasons.Design, Analysis: "想要更现代的设计"));

        // Three years and a day after the old lead closed.
        clock.SetUtcNow(start.AddDays(3).AddMinutes(1).AddYears(3).AddDays(1));
        var retention = cluster.Client.GetGrain<IRetentionGrain>(0);
        var sweep = await retention.SweepAsync();

        Assert.Equal(1, sweep.Anonymised);
        var archivedOld = (await cluster.Client.GetGrain<ILeadGrain>(old.LeadId).GetAsync())!;
        Assert.Equal((RetentionRules.Marker, RetentionRules.Marker, ""), (archivedOld.CustomerId, archivedOld.Name, archivedOld.Phone));
        Assert.Equal((null, null, null, null), (archivedOld.Address, archivedOld.ReferrerName, archivedOld.ReferrerPhone, archivedOld.Analysis));
        Assert.All(archivedOld.FollowUps, f => Assert.Equal("", f.Note));
        Assert.Equal((storeId, LeadStatus.Lost, CloseReasons.Price, manager, "锦绣江南"), (archivedOld.StoreId, archivedOld.Status, archivedOld.CloseReason, archivedOld.ManagerId, archivedOld.Community));
        Assert.NotNull(archivedOld.DesignerId);
        Assert.Equal(start, archivedOld.RegisteredAt);
        var archivedRecent = (await cluster.Client.GetGrain<ILeadGrain>(recent.LeadId).GetAsync())!;
        Assert.Equal(("司马长风", "南京西路1号", "想要更现代的设计"), (archivedRecent.Name, archivedRecent.Address, archivedRecent.Analysis));

        // The journal: the old lead's events (and its tasks') keep their ids and times, not its customer's data.
        var events = await cluster.Journal.ReadAsync(new JournalQuery([.. AllKinds], storeId));
        var text = string.Join("\n", events.Select(e => e.Data));
        foreach (var personal in new[] { "欧阳青霞", old.CustomerId, "慕容秋水", "虹桥路", "老人房", "北欧风格", "嫌报价高", "不再联系" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        }

        Assert.Contains("司马长风", text, StringComparison.Ordinal);
        Assert.Contains("想要更现代的设计", text, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == JournalKinds.LeadRegistered && e.Subject == old.LeadId);
        Assert.Contains(events, e => e.Kind == JournalKinds.LeadClosed && e.Subject == old.LeadId);
        var tasks = (await cluster.Journal.TasksAsync(new TaskQuery(StoreId: storeId))).Where(t => t.LeadId == old.LeadId).ToList();
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal((JournalTaskStates.Done, manager, null), (t.State, t.ClosedBy, t.Note)));

        // A second sweep finds nothing more; the recent lead's turn comes a year later.
        Assert.Equal(0, (await retention.SweepAsync()).Anonymised);
        clock.SetUtcNow(start.AddYears(5).AddDays(10));
        Assert.Equal(1, (await retention.SweepAsync()).Anonymised);
        Assert.Equal(RetentionRules.Marker, (await cluster.Client.GetGrain<ILeadGrain>(recent.LeadId).GetAsync())!.Name);
    }
}
