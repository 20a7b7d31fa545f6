using System.Globalization;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// People leaving or moving (issue 16, 离职/调店/调组). The store hands their open work over in the same turn that takes
/// them out of its groups: nothing of theirs is dropped, the board is told (one event that makes screens reload, as a
/// set-up does), and the journal keeps their name.
/// </summary>
public sealed partial class StoreGrain
{
    /// <summary>The board event of a person leaving, moving or joining a group: screens reload the board.</summary>
    public const string StaffChangedKind = "staff-changed";

    private const string DesignerRole = "designer";
    private const string ManagerRole = "manager";

    /// <inheritdoc />
    public async Task<StaffReleased> ReleaseStaffAsync(StaffRelease release, string? commandId = null)
    {
        ArgumentNullException.ThrowIfNull(release);
        var released = await CommandAsync(commandId, async () =>
        {
            EnsureConfigured();
            if (release.Kind is not (StaffRelease.Leave or StaffRelease.Transfer))
            {
                throw CrmException.Invalid("kind", $"Unknown kind '{release.Kind}' (allowed: {StaffRelease.Leave}, {StaffRelease.Transfer}).");
            }

            if (release.Kind == StaffRelease.Transfer && (release.TargetStoreId is null || release.TargetStoreId == Key))
            {
                throw CrmException.Invalid("storeId", $"A transfer out of store {Key} names another store.");
            }

            if (State.Designers.TryGetValue(release.UserId, out var designer))
            {
                return await ReleaseDesignerAsync(release, designer);
            }

            return State.Managers.ContainsKey(release.UserId)
                ? await ReleaseManagerAsync(release)
                : throw CrmException.NotFound("userId", $"{release.UserId} is neither a designer nor an account manager of store {Key}.");
        });

        // Only now may the person join another store. Left after the write, and again on a repeat (the process may have
        // died in between); leaving twice, or leaving a store one no longer belongs to, changes nothing.
        if (released.Role == DesignerRole)
        {
            await GrainFactory.GetGrain<IDesignerGrain>(released.UserId).LeaveStoreAsync(Key);
        }
        else
        {
            await GrainFactory.GetGrain<IAccountManagerGrain>(released.UserId).LeaveStoreAsync(Key);
        }

        return released;
    }

    /// <inheritdoc />
    public Task<DesignerView> MoveDesignerAsync(string designerId, string groupManagerId, string? by, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        var designer = OwnDesigner(designerId);
        var target = State.Groups.FirstOrDefault(g => g.ManagerId == groupManagerId)
            ?? throw CrmException.NotFound("groupManagerId", $"Store {Key} has no group of account manager '{groupManagerId}' (groups: {string.Join(", ", State.Groups.Select(g => g.ManagerId))}).");
        if (designer.ManagerId == groupManagerId)
        {
            throw CrmException.Conflict("groupManagerId", $"{designerId} is already in the group of {groupManagerId}.");
        }

        // They keep their leads (same store, same customers); in the new group they rank last until the next ranking,
        // and the cap follows the rank (a lower cap evicts nothing: they just take no more until below it).
        var from = designer.ManagerId;
        State = State with
        {
            Groups = [.. State.Groups.Select(g =>
                g.ManagerId == groupManagerId ? g with { DesignerIds = g.DesignerIds.Add(designerId) }
                : g.DesignerIds.Contains(designerId) ? g with { DesignerIds = g.DesignerIds.Remove(designerId) }
                : g)],
            Designers = State.Designers.SetItem(designerId, designer with { ManagerId = groupManagerId, Rank = target.DesignerIds.Count + 1, RankCorrection = null }),
        };
        await DrainQueueAsync();
        var now = Now;
        Publish(new BoardChange(StaffChangedKind, now, $"{designer.Name} moved to the group of {target.ManagerName}", Designers: AllDesignerCards(), Queue: QueueIds()));
        Record(JournalKinds.StaffTransferred, Key, designerId, new StaffTransferred(
            designerId, designer.Name, DesignerRole, Key, from, Key, groupManagerId, Today, by, null, 0, 0));
        return DesignerViewOf(designerId)!;
    });

    /// <summary>
    /// A designer leaves: the leads holding their slots go back to dispatch by the rules (<see cref="DepartureRules"/>),
    /// credited to the managers who dispatched them; their signed leads wait for their manager's next dispatch; their
    /// open tasks go to whoever has the lead now; leads that named them as a return customer's designer lose the link.
    /// </summary>
    private async Task<StaffReleased> ReleaseDesignerAsync(StaffRelease release, DesignerEntry designer)
    {
        var userId = release.UserId;
        var held = designer.Holding
            .Where(State.Leads.ContainsKey)
            .OrderBy(id => State.Leads[id].RunningNumber ?? int.MaxValue)
            .ThenBy(id => id, StringComparer.Ordinal)
            .ToList();
        var plan = DepartureRules.Redispatch(
            DesignGroups(),
            userId,
            [.. held.Select(id =>
            {
                var lead = State.Leads[id];
                return new DepartingLead(DispatchLeadOf(id, lead), DispatchingManagerOf(lead), lead.RefusedBy.ToHashSet(StringComparer.Ordinal));
            })]);

        // Out of the groups first: every dispatch below sees the store without them.
        State = State with
        {
            Designers = State.Designers.Remove(userId),
            Groups = [.. State.Groups.Select(g => g.DesignerIds.Contains(userId) ? g with { DesignerIds = g.DesignerIds.Remove(userId) } : g)],
            Leads = State.Leads.SetItems(State.Leads
                .Where(l => l.Value.PreviousDesignerId == userId)
                .Select(l => KeyValuePair.Create(l.Key, l.Value with { PreviousDesignerId = null }))),
        };

        var handovers = ImmutableArray.CreateBuilder<LeadHandover>();
        foreach (var step in plan)
        {
            State = State with { Leads = State.Leads.SetItem(step.LeadId, State.Leads[step.LeadId] with { DesignerId = null, HoldsSlot = false }) };
            if (step.Decision.IsAssigned)
            {
                await AssignAsync(step.LeadId, step.Decision, step.DispatchingManagerId, fromQueue: false);
            }
            else
            {
                Enqueue(step.LeadId, step.DispatchingManagerId, step.Decision);
            }

            var lead = State.Leads[step.LeadId];
            var handover = new LeadHandover(
                step.LeadId,
                lead.RunningNumber,
                step.Decision.IsAssigned ? LeadHandover.Dispatched : LeadHandover.Queued,
                step.Decision.DesignerId,
                lead.ManagerId ?? step.DispatchingManagerId);
            handovers.Add(handover);
            RecordHandover(handover, DesignerRole, userId, designer.Name, release.Kind, step.Decision.Summary);
        }

        // Signed leads (a deposit holds no slot) still name them: their manager dispatches the next designer by hand.
        foreach (var (leadId, lead) in State.Leads.Where(l => l.Value.DesignerId == userId).OrderBy(l => l.Value.RunningNumber).ToList())
        {
            var managerId = lead.ManagerId ?? designer.ManagerId;
            UpdateLead(leadId, lead with { DesignerId = null }, $"No. {lead.RunningNumber}: {designer.Name} left; {managerId} picks the next designer");
            var handover = new LeadHandover(leadId, lead.RunningNumber, LeadHandover.Unassigned, null, managerId);
            handovers.Add(handover);
            RecordHandover(handover, DesignerRole, userId, designer.Name, release.Kind, "signed lead: no slot to re-dispatch; its manager picks the next designer");
        }

        var tasksMoved = MoveOpenTasks(userId, lead => lead.DesignerId ?? lead.ManagerId ?? designer.ManagerId);
        var now = Now;
        Publish(new BoardChange(
            StaffChangedKind,
            now,
            release.Kind == StaffRelease.Leave
                ? $"{designer.Name} left 离职: {handovers.Count} lead(s) handed over"
                : $"{designer.Name} moved to store {release.TargetStoreId} 调店: {handovers.Count} lead(s) handed over",
            Designers: AllDesignerCards(),
            Queue: QueueIds()));
        RecordDeparture(release, designer.Name, DesignerRole, designer.ManagerId, handovers.Count, tasksMoved, []);
        return new StaffReleased(userId, Key, DesignerRole, designer.Name, release.Kind, release.Effective, handovers.ToImmutable(), tasksMoved, [], [], 0, designer.Level, designer.Grade);
    }

    /// <summary>
    /// An account manager leaves: their leads, queued leads, open tasks and the designers of their group go to the
    /// manager the supervisor chose; their open pool claims are settled; they leave the duty rotation and the duty
    /// overrides from today on that named them.
    /// </summary>
    private async Task<StaffReleased> ReleaseManagerAsync(StaffRelease release)
    {
        var userId = release.UserId;
        var manager = State.Managers[userId];
        var group = State.Groups.First(g => g.ManagerId == userId);
        var leads = State.Leads.Where(l => l.Value.ManagerId == userId).OrderBy(l => l.Value.RunningNumber).ToList();
        var work = new ManagerWork(
            leads.Count,
            State.Queue.Count(q => q.ManagerId == userId),
            State.Leads.Values.Sum(l => l.Tasks.Count(t => t.State == TaskStates.Open && t.AssigneeId == userId)),
            group.DesignerIds.Count);
        if (DepartureRules.CheckManagerHandover(userId, release.ReassignTo, [.. State.Managers.Keys], work) is { } refused)
        {
            throw refused;
        }

        var to = release.ReassignTo;
        var today = Today;
        var dutyRemoved = State.DutyOverrides
            .Where(o => o.Value == userId)
            .Select(o => DateOnly.ParseExact(o.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Where(d => d >= today)
            .Order()
            .ToImmutableArray();
        var groups = State.Groups.Remove(group);
        var designers = State.Designers;
        if (to is not null && group.DesignerIds.Count > 0)
        {
            // The chosen manager's group takes the designers, with the ranks they have until the next ranking.
            var target = groups.First(g => g.ManagerId == to);
            groups = groups.Replace(target, target with { DesignerIds = target.DesignerIds.AddRange(group.DesignerIds) });
            foreach (var id in group.DesignerIds)
            {
                designers = designers.SetItem(id, designers[id] with { ManagerId = to });
            }
        }

        State = State with
        {
            Groups = groups,
            Designers = designers,
            Managers = State.Managers.Remove(userId),
            Rotation = State.Rotation.RemoveAll(id => id == userId),
            DutyOverrides = State.DutyOverrides.RemoveRange(dutyRemoved.Select(IsoDate)),
            Queue = [.. State.Queue.Select(q => q.ManagerId == userId ? q with { ManagerId = to! } : q)],
        };

        var toName = to is null ? null : State.Managers[to].Name;
        var handovers = ImmutableArray.CreateBuilder<LeadHandover>();
        var claimsSettled = 0;
        foreach (var (leadId, lead) in leads)
        {
            // A claim still open counts against the departed claimant: settled now (the pool frees their count).
            var settled = SettleClaim(leadId, lead);
            claimsSettled += settled.ClaimOpen == lead.ClaimOpen ? 0 : 1;

            // The customer learns who manages the lead now (conflicts tell groups apart by manager).
            await Customer(lead.CustomerId).SetManagerAsync(leadId, to!);
            State = State with { Leads = State.Leads.SetItem(leadId, settled with { ManagerId = to }) };
            var handover = new LeadHandover(leadId, lead.RunningNumber, LeadHandover.ToManager, lead.DesignerId, to);
            handovers.Add(handover);
            RecordHandover(handover, ManagerRole, userId, manager.Name, release.Kind, $"handed to {toName} by the supervisor's choice");
        }

        var tasksMoved = MoveOpenTasks(userId, _ => to!);
        var now = Now;
        Publish(new BoardChange(
            StaffChangedKind,
            now,
            (release.Kind == StaffRelease.Leave ? $"{manager.Name} left 离职" : $"{manager.Name} moved to store {release.TargetStoreId} 调店")
                + (to is null ? "" : $": leads and group to {toName}"),
            Designers: AllDesignerCards(),
            Queue: QueueIds(),
            DutyManagerId: Roster().OnDuty(today)));
        RecordDeparture(release, manager.Name, ManagerRole, userId, handovers.Count, tasksMoved, group.DesignerIds);
        return new StaffReleased(userId, Key, ManagerRole, manager.Name, release.Kind, release.Effective, handovers.ToImmutable(), tasksMoved, [.. group.DesignerIds], dutyRemoved, claimsSettled);
    }

    /// <summary>The manager a lead was dispatched for (the refusal rule's choice too): back to dispatch in that group.</summary>
    private string DispatchingManagerOf(LeadState lead) =>
        lead.Dispatches.LastOrDefault()?.ManagerId is { } m && IsManager(m) ? m
        : lead.ManagerId is { } own && IsManager(own) ? own
        : State.Groups[0].ManagerId;

    /// <summary>
    /// Moves every open task of <paramref name="from"/> on the store's leads to <paramref name="to"/>'s choice: the task
    /// is cancelled (noting why) and opened again for the new assignee under a new id, so the task lists (derived from
    /// the journal, one row per id) show both and history keeps who had it.
    /// </summary>
    private int MoveOpenTasks(string from, Func<LeadState, string> to)
    {
        var moved = 0;
        foreach (var (leadId, lead) in State.Leads.Where(l => l.Value.Tasks.Any(t => t.State == TaskStates.Open && t.AssigneeId == from && t.TaskId is not null)).ToList())
        {
            var assignee = to(lead);
            var open = lead.Tasks.Where(t => t.State == TaskStates.Open && t.AssigneeId == from && t.TaskId is not null).ToList();
            var updated = CloseTasks(lead, t => t.AssigneeId == from, TaskStates.Cancelled, null, $"reassigned to {assignee}: {from} left");
            var number = updated.Tasks.Count;
            var fresh = open.Select(t => t with
            {
                AssigneeId = assignee,
                TaskId = TaskIds.For(leadId, $"{t.Rule ?? t.Kind}-moved{++number}", t.Kind),
                Rule = t.Rule ?? t.Kind,
            }).ToList();
            updated = OpenTasks(leadId, updated, fresh);
            State = State with { Leads = State.Leads.SetItem(leadId, updated) };
            moved += open.Count;
        }

        return moved;
    }

    private void RecordHandover(LeadHandover handover, string fromRole, string fromId, string fromName, string kind, string reason) =>
        Record(JournalKinds.LeadReassigned, Key, handover.LeadId, new LeadReassigned(
            handover.LeadId,
            handover.RunningNumber,
            fromRole,
            fromId,
            fromName,
            handover.Outcome,
            handover.DesignerId,
            handover.ManagerId,
            $"{fromName} {(kind == StaffRelease.Leave ? "left" : "moved")}: {reason}"));

    private void RecordDeparture(StaffRelease release, string name, string role, string? fromGroup, int leads, int tasksMoved, IReadOnlyList<string> designersMoved)
    {
        if (release.Kind == StaffRelease.Transfer)
        {
            Record(JournalKinds.StaffTransferred, Key, release.UserId, new StaffTransferred(
                release.UserId, name, role, Key, fromGroup, release.TargetStoreId!, release.TargetGroupManagerId, release.Effective, release.By, release.ReassignTo, leads, tasksMoved));
        }
        else
        {
            Record(JournalKinds.StaffLeft, Key, release.UserId, new StaffLeft(
                release.UserId, name, role, Key, release.Effective, release.By, release.ReassignTo, leads, tasksMoved, designersMoved));
        }
    }
}
