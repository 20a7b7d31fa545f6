using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// People leaving and moving (issue 16) through the store grain on two silos: a designer's leads back to dispatch within
/// the caps (or the queue), a manager's leads, tasks, group and duty turns to the chosen manager, the board and the
/// journal told, a repeat applied once, a refusal changing nothing.
/// </summary>
public sealed class StaffDepartureGrainTests : IAsyncLifetime
{
    // Saturday 2026-11-21 10:00 in Shanghai.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)));
    private CrmTestCluster _cluster = null!;
    private Chain _chain = null!;

    public async Task InitializeAsync()
    {
        _cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: _clock);
        _chain = new Chain(_cluster.Client);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private Task<IReadOnlyList<JournalEntry>> EventsAsync(string kind, string storeId, string? subject = null) =>
        ReadAsync(new JournalQuery([kind], storeId, subject));

    private async Task<IReadOnlyList<JournalEntry>> ReadAsync(JournalQuery query) => [.. await _cluster.Journal.ReadAsync(query)];

    [Fact]
    public async Task ADesignerLeavingWithOpenLeadsHasEveryLeadReDispatchedWithinTheCapsOrQueuedAndTheBoardAndJournalAreTold()
    {
        var storeId = await _chain.NewStoreAsync(groups: 2);
        var store = _chain.Store(storeId);

        // Group 1 full (6 leads), group 2 one slot short of full (5 leads).
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(DispatchOutcome.Dispatched, (await _chain.VisitAndDispatchAsync(storeId, $"{storeId}-m1")).Dispatch.Result);
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(DispatchOutcome.Dispatched, (await _chain.VisitAndDispatchAsync(storeId, $"{storeId}-m2")).Dispatch.Result);
        }

        var leaving = (await store.GetAsync())!.Groups[0].Designers.First(d => d.Holding.Length == 2);
        var held = leaving.Holding;
        var sequence = (await store.GetFeedPositionAsync()).Sequence;

        var released = await store.ReleaseStaffAsync(new StaffRelease(leaving.DesignerId, StaffRelease.Leave, new DateOnly(2026, 11, 21), By: "hq-1"), "leave-1");

        // Every lead handed over: the first to group 2's free slot (cross-group), the second queued; none dropped.
        Assert.Equal(held.Order(), released.Leads.Select(l => l.LeadId).Order());
        Assert.Equal([LeadHandover.Dispatched, LeadHandover.Queued], released.Leads.Select(l => l.Outcome));
        var view = (await store.GetAsync())!;
        Assert.DoesNotContain(view.Groups.SelectMany(g => g.Designers), d => d.DesignerId == leaving.DesignerId);
        Assert.All(view.Groups.SelectMany(g => g.Designers), d => Assert.True(d.Holding.Length <= d.Cap, $"{d.DesignerId} holds {d.Holding.Length} > cap {d.Cap}"));
        var taker = view.Groups[1].Designers.Single(d => d.DesignerId == released.Leads[0].DesignerId);
        Assert.Contains(released.Leads[0].LeadId, taker.Holding);
        var board = await store.GetBoardAsync();
        Assert.Contains(board.Queue, l => l.LeadId == released.Leads[1].LeadId);
        Assert.DoesNotContain(board.Groups.SelectMany(g => g.Designers), d => d.DesignerId == leaving.DesignerId);
        foreach (var leadId in held)
        {
            var lead = (await store.GetLeadAsync(leadId))!;
            Assert.NotEqual(leaving.DesignerId, lead.DesignerId);
            Assert.Contains(lead.Dispatches, d => d.DesignerId == leaving.DesignerId); // history keeps who had it
        }

        // The board heard it, numbered after what it had.
        var events = (await store.GetEventsAsync(sequence, 100)).Events.Select(e => e.Change.Kind).ToList();
        Assert.Contains(StoreGrain.StaffChangedKind, events);
        Assert.Contains("lead-dispatched", events);
        Assert.Contains("lead-queued", events);

        // The journal keeps the old name; the directory lets them go.
        var left = Assert.Single(await EventsAsync(JournalKinds.StaffLeft, storeId, leaving.DesignerId));
        Assert.Equal(leaving.Name, JsonDocument.Parse(left.Data).RootElement.GetProperty("Name").GetString());
        var reassigned = await EventsAsync(JournalKinds.LeadReassigned, storeId);
        Assert.Equal(2, reassigned.Count);
        Assert.All(reassigned, e => Assert.Equal(leaving.Name, JsonDocument.Parse(e.Data).RootElement.GetProperty("FromName").GetString()));
        Assert.Null(await _cluster.Client.GetGrain<IDesignerGrain>(leaving.DesignerId).GetStoreAsync());
        Assert.Equal(storeId, await _cluster.Client.GetGrain<IDesignerGrain>(leaving.DesignerId).GetLastStoreAsync());

        // The same command again: the same answer, nothing applied twice.
        var again = await store.ReleaseStaffAsync(new StaffRelease(leaving.DesignerId, StaffRelease.Leave, new DateOnly(2026, 11, 21), By: "hq-1"), "leave-1");
        Assert.Equal(released.Leads.AsEnumerable(), again.Leads.AsEnumerable());
        Assert.Single(await EventsAsync(JournalKinds.StaffLeft, storeId, leaving.DesignerId));
        Assert.Equal(2, (await EventsAsync(JournalKinds.LeadReassigned, storeId)).Count);
        Assert.Equal(view.Groups.SelectMany(g => g.Designers).Select(d => d.Holding.Length), (await store.GetAsync())!.Groups.SelectMany(g => g.Designers).Select(d => d.Holding.Length));
    }

    [Fact]
    public async Task AManagerMovingToAnotherStoreHandsLeadsTasksGroupAndDutyTurnsToTheChosenManagerAndJoinsTheTargetRotation()
    {
        var storeId = await _chain.NewStoreAsync(groups: 2);
        var targetId = await _chain.NewStoreAsync(groups: 1);
        var store = _chain.Store(storeId);
        var (m1, m2) = ($"{storeId}-m1", $"{storeId}-m2");
        var dispatched = await _chain.VisitAndDispatchAsync(storeId, m1, appointmentWith: m1);
        var waiting = await _chain.VisitAsync(storeId, appointmentWith: m1);
        var dutyDay = new DateOnly(2026, 11, 28);
        await store.SetDutyOverrideAsync(dutyDay, m1);

        // Three days without measurement: the designer's follow-up and the manager's callback tasks.
        _clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(1));
        await Chain.SweepAsync(store);
        Assert.Contains((await store.GetLeadAsync(waiting.LeadId))!.Tasks, t => t.AssigneeId == m1 && t.State == TaskStates.Open);

        var release = new StaffRelease(m1, StaffRelease.Transfer, new DateOnly(2026, 11, 24), m2, targetId, null, "hq-1");
        var released = await store.ReleaseStaffAsync(release, "move-1");
        await _chain.Store(targetId).PlaceStaffAsync(new StaffPlacement(m1, released.Name, released.Role));

        Assert.Equal([dispatched.Visit.LeadId, waiting.LeadId], released.Leads.Select(l => l.LeadId));
        Assert.All(released.Leads, l => Assert.Equal((LeadHandover.ToManager, m2), (l.Outcome, l.ManagerId)));
        Assert.Equal([dutyDay], released.DutyDatesRemoved.AsEnumerable());
        Assert.Equal(4, released.DesignersMoved.Length);
        Assert.True(released.TasksMoved >= 2);
        foreach (var leadId in new[] { dispatched.Visit.LeadId, waiting.LeadId })
        {
            var lead = (await store.GetLeadAsync(leadId))!;
            Assert.Equal(m2, lead.ManagerId);
            Assert.DoesNotContain(lead.Tasks, t => t.AssigneeId == m1 && t.State == TaskStates.Open);
            Assert.Contains(lead.Tasks, t => t.AssigneeId == m1 && t.State == TaskStates.Cancelled);
            Assert.Contains(lead.Tasks, t => t.AssigneeId == m2 && t.State == TaskStates.Open && t.Kind == "callback");
        }

        // The designer of the moved lead keeps it; the group is m2's now.
        Assert.Equal(dispatched.Dispatch.DesignerId, (await store.GetLeadAsync(dispatched.Visit.LeadId))!.DesignerId);
        var view = (await store.GetAsync())!;
        Assert.Equal([m2], view.Rotation.AsEnumerable());
        Assert.Equal(8, Assert.Single(view.Groups).Designers.Length);
        var duty = await store.GetDutyAsync(dutyDay);
        Assert.False(duty.IsOverride);
        Assert.Equal(m2, duty.ManagerId);

        // The target store: a group of their own, last in the rotation; the directory agrees.
        var target = (await _chain.Store(targetId).GetAsync())!;
        Assert.Equal(m1, target.Rotation[^1]);
        Assert.Contains(target.Groups, g => g.ManagerId == m1);
        Assert.Equal(targetId, await _cluster.Client.GetGrain<IAccountManagerGrain>(m1).GetStoreAsync());
        var moved = Assert.Single(await EventsAsync(JournalKinds.StaffTransferred, storeId, m1));
        Assert.Equal("Manager 1", JsonDocument.Parse(moved.Data).RootElement.GetProperty("Name").GetString());

        // The console's lists follow (m2's work list has the leads, m1's is empty) and the lead's history keeps m1's name.
        var reports = _cluster.Client.GetGrain<IReportsGrain>(0);
        var m2List = await Eventually.GetAsync(
            () => reports.GetStoreLeadsAsync(storeId, m2, null, null, openOnly: true),
            l => l.Length == 2,
            "the chosen manager's work list has both handed-over leads");
        Assert.Equal(new[] { dispatched.Visit.LeadId, waiting.LeadId }.Order(), m2List.Select(l => l.LeadId).Order());
        Assert.Empty(await reports.GetStoreLeadsAsync(storeId, m1, null, null, openOnly: true));
        var handedOver = Assert.Single(await reports.GetLeadHistoryAsync(storeId, waiting.LeadId), h => h.Kind == JournalKinds.LeadReassigned);
        Assert.Equal((m2, "Manager 1 · manager"), (handedOver.ManagerId, handedOver.Detail));

        // A retry of the move (the gateway's, after a crash between the steps) applies nothing twice.
        var again = await store.ReleaseStaffAsync(release, "move-1");
        await _chain.Store(targetId).PlaceStaffAsync(new StaffPlacement(m1, again.Name, again.Role));
        Assert.Equal(released.Leads.AsEnumerable(), again.Leads.AsEnumerable());
        Assert.Single(await EventsAsync(JournalKinds.StaffTransferred, storeId, m1));
        Assert.Equal(target.Rotation.AsEnumerable(), (await _chain.Store(targetId).GetAsync())!.Rotation.AsEnumerable());
        Assert.Equal(targetId, await _cluster.Client.GetGrain<IAccountManagerGrain>(m1).GetStoreAsync());
    }

    [Fact]
    public async Task AManagerWithLeadsAndNoChosenSuccessorIsRefusedNamingReassignToAndNothingChanges()
    {
        var storeId = await _chain.NewStoreAsync(groups: 2);
        var store = _chain.Store(storeId);
        var m1 = $"{storeId}-m1";
        var visit = await _chain.VisitAsync(storeId, appointmentWith: m1);
        var before = (await store.GetAsync())!;

        var refused = await Assert.ThrowsAsync<CrmException>(() => store.ReleaseStaffAsync(new StaffRelease(m1, StaffRelease.Leave, new DateOnly(2026, 11, 21)), "leave-x"));
        var unknown = await Assert.ThrowsAsync<CrmException>(() => store.ReleaseStaffAsync(new StaffRelease(m1, StaffRelease.Leave, new DateOnly(2026, 11, 21), "nobody"), "leave-y"));

        Assert.Equal(("reassignTo", CrmErrorKind.Invalid), (refused.Field, refused.Kind));
        Assert.Equal("reassignTo", unknown.Field);
        var after = (await store.GetAsync())!;
        Assert.Equal(before.Rotation.AsEnumerable(), after.Rotation.AsEnumerable());
        Assert.Equal(before.Groups.Select(g => g.ManagerId), after.Groups.Select(g => g.ManagerId));
        Assert.Equal(m1, (await store.GetLeadAsync(visit.LeadId))!.ManagerId);
        Assert.Equal(storeId, await _cluster.Client.GetGrain<IAccountManagerGrain>(m1).GetStoreAsync());
        Assert.Empty(await EventsAsync(JournalKinds.StaffLeft, storeId));
    }

    [Fact]
    public async Task ALeavingManagersOpenPoolClaimIsSettledAndTheLeadGoesToTheChosenManager()
    {
        var storeId = await _chain.NewStoreAsync(groups: 2);
        var store = _chain.Store(storeId);
        var (m1, m2) = ($"{storeId}-m1", $"{storeId}-m2");
        var pool = _chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var posted = await pool.PostAsync(new PostPoolLead("钱七", Chain.NewPhone(), VisitChannel.Web, "website"));
        Assert.True((await pool.ClaimAsync(posted.LeadId, m1, storeId)).Claimed);
        await Eventually.UntilAsync(async () => await store.GetLeadAsync(posted.LeadId) is not null, "the claimed lead reaches the store");
        Assert.Equal(1, (await pool.GetManagerClaimsAsync(m1)).OpenClaims);

        var released = await store.ReleaseStaffAsync(new StaffRelease(m1, StaffRelease.Leave, new DateOnly(2026, 11, 21), m2), "leave-claims");

        Assert.Equal(1, released.ClaimsSettled);
        Assert.Equal((posted.LeadId, LeadHandover.ToManager, m2), (released.Leads[0].LeadId, released.Leads[0].Outcome, released.Leads[0].ManagerId));
        Assert.Equal(m2, (await store.GetLeadAsync(posted.LeadId))!.ManagerId);
        await Eventually.UntilAsync(async () => (await pool.GetManagerClaimsAsync(m1)).OpenClaims == 0, "the pool frees the departed claimant's open claim");
    }

    [Fact]
    public async Task ADesignerMovesToAnotherGroupOfTheStoreKeepingTheirLeads()
    {
        var storeId = await _chain.NewStoreAsync(groups: 2);
        var store = _chain.Store(storeId);
        var (_, dispatch) = await _chain.VisitAndDispatchAsync(storeId, $"{storeId}-m1");
        var designerId = dispatch.DesignerId!;

        var moved = await store.MoveDesignerAsync(designerId, $"{storeId}-m2", "sup-1", "move-d");
        var again = await store.MoveDesignerAsync(designerId, $"{storeId}-m2", "sup-1", "move-d");

        Assert.Equal($"{storeId}-m2", moved.ManagerId);
        Assert.Equal((moved.ManagerId, moved.Rank), (again.ManagerId, again.Rank));
        Assert.Equal([dispatch.LeadId], moved.Holding.AsEnumerable());
        Assert.Equal(5, moved.Rank);
        var view = (await store.GetAsync())!;
        Assert.Contains(view.Groups[1].Designers, d => d.DesignerId == designerId);
        Assert.DoesNotContain(view.Groups[0].Designers, d => d.DesignerId == designerId);
        Assert.Single(await EventsAsync(JournalKinds.StaffTransferred, storeId, designerId));
    }
}
