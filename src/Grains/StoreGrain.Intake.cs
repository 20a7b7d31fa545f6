using System.Globalization;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>Intake (接待): registration, cross-resource conflicts, the three-day rule.</summary>
public sealed partial class StoreGrain
{
    /// <inheritdoc />
    public Task<VisitRegistered> RegisterVisitAsync(RegisterVisit visit, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(visit);
        EnsureConfigured();
        var name = VisitValidator.Name(visit.Name);
        var phone = VisitValidator.Phone(visit.Phone);
        if (visit.Channel == VisitChannel.Referral && string.IsNullOrWhiteSpace(visit.ReferrerName))
        {
            throw CrmException.Invalid("referrerName", "A referral records who referred the customer.");
        }

        if (visit.AppointmentWith is { } appointed && !IsManager(appointed))
        {
            throw CrmException.Invalid("appointmentWith", $"{appointed} is not an account manager of store {Key}.");
        }

        var now = Now;
        var today = Today;

        // An appointment goes to whoever made it; a walk-in to today's on-duty manager (nobody on an unassigned rest day).
        var managerId = visit.AppointmentWith ?? Roster().OnDuty(today);
        var runningNumber = State.LastRunningNumber + 1;
        var leadId = LeadIds.ForStore(Key, runningNumber);
        var customerId = CustomerIds.For(phone);
        var customer = await Customer(customerId).RegisterLeadAsync(new CustomerLead(leadId, Key, managerId, now), name, phone);

        var lead = new LeadState
        {
            CustomerId = customerId,
            RunningNumber = runningNumber,
            Name = name,
            Phone = phone,
            Channel = visit.Channel,
            ManagerId = managerId,
            Status = LeadStatus.Normal,
            RegisteredAt = now,
            PreviousDesignerId = customer.PreviousDesignerId,
            Needs = visit.Needs,
            ReferrerName = visit.ReferrerName?.Trim(),
            ThreeDayDueAt = now + rules.ThreeDayRule,
        };
        lead = lead with { Conflicts = FlagConflicts(leadId, managerId, customer.Others, now) };
        State = State with
        {
            LastRunningNumber = runningNumber,
            Leads = State.Leads.SetItem(leadId, lead),
        };
        AddRecent(leadId, today);

        var returning = customer.PreviousDesignerId is not null;
        Publish(new BoardChange(
            "visit-registered",
            now,
            $"No. {runningNumber} {visit.Channel} → {managerId ?? "no manager on duty"}{(returning ? " (return customer)" : "")}{(lead.Conflicts.Count > 0 ? " ⚠ conflict" : "")}",
            Lead: ToBoardLead(leadId, lead)));
        return new VisitRegistered(customerId, leadId, runningNumber, managerId, returning, customer.PreviousDesignerId, [.. lead.Conflicts]);
    }, new Replay<VisitRegistered>(visit => visit.LeadId, async leadId =>
    {
        var lead = await LeadNowAsync(leadId);
        return new VisitRegistered(lead.CustomerId, leadId, lead.RunningNumber!.Value, lead.ManagerId, lead.PreviousDesignerId is not null, lead.PreviousDesignerId, lead.Conflicts);
    }));

    /// <summary>
    /// The conflicts (客户资源交叉) of a new lead with the customer's other open leads. This store's own leads of another
    /// group are flagged here at once; other stores are told by the customer grain. Nobody is blocked: whoever signs
    /// first wins.
    /// </summary>
    private ImmutableList<LeadConflict> FlagConflicts(string leadId, string? managerId, ImmutableArray<CustomerLead> others, DateTimeOffset now)
    {
        var conflicts = ImmutableList<LeadConflict>.Empty;
        foreach (var other in others)
        {
            var kind = ConflictKind(other.StoreId, other.ManagerId, managerId);
            if (kind is null)
            {
                continue;
            }

            conflicts = conflicts.Add(new LeadConflict(other.LeadId, other.StoreId, other.ManagerId, other.DesignerId, kind, now));
            if (other.StoreId == Key && State.Leads.TryGetValue(other.LeadId, out var mine))
            {
                FlagLead(other.LeadId, mine, new LeadConflict(leadId, Key, managerId, null, kind, now));
            }
        }

        return conflicts;
    }

    /// <summary>cross-store, cross-group, or null for a lead of the same group.</summary>
    private string? ConflictKind(string otherStoreId, string? otherManagerId, string? managerId) =>
        otherStoreId != Key ? "cross-store" : otherManagerId != managerId ? "cross-group" : null;

    /// <summary>Adds a conflict to one of this store's leads (once per conflicting lead) and tells the board.</summary>
    private void FlagLead(string leadId, LeadState lead, LeadConflict conflict)
    {
        if (lead.Conflicts.Any(c => c.LeadId == conflict.LeadId))
        {
            return;
        }

        var flagged = lead with { Conflicts = lead.Conflicts.Add(conflict) };
        State = State with { Leads = State.Leads.SetItem(leadId, flagged) };
        Publish(new BoardChange(
            "conflict-flagged",
            conflict.At,
            $"No. {lead.RunningNumber}: the customer also registered at {conflict.StoreId} ({conflict.Kind})",
            Lead: ToBoardLead(leadId, flagged)));
    }

    /// <summary>
    /// Adds a lead to the board's recent ones: the last <see cref="RulesOptions.RecentDays"/> local days, and at most
    /// <see cref="GrainOptions.BoardLeads"/> of them (a wall shows no more; open leads stay in the store either way).
    /// </summary>
    private void AddRecent(string leadId, DateOnly today)
    {
        var recent = BoundedLog.Last(State.RecentLeads.RemoveAll(r => r.Date <= today.AddDays(-rules.RecentDays)).Add(new RecentLead(leadId, today)), Options.BoardLeads);
        var dropped = State.RecentLeads.Count + 1 - recent.Count;
        State = State with
        {
            RecentLeads = recent,
            ClosedCards = dropped > 0 ? State.ClosedCards.RemoveRange(State.ClosedCards.Keys.Where(id => !recent.Any(r => r.LeadId == id))) : State.ClosedCards,
        };
    }

    /// <summary>
    /// Three days after the visit with no measurement: a follow-up task for the designer and a callback task for the
    /// manager (seed 000). Applied by the sweep to every lead that is due, once.
    /// </summary>
    private void ApplyThreeDayRule(string leadId, LeadState lead, DateTimeOffset now)
    {
        // The tasks' ids name the lead and the rule: a sweep that runs again (a reminder firing twice) adds nothing.
        var claim = lead is { FromPool: true, ClaimedBy: { } holder } ? holder.At.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : null;
        var tasks = TaskRules.ThreeDayTasks(leadId, lead.DesignerId, lead.ManagerId, lead.Tasks, lead.ThreeDayDueAt ?? now, rules.FollowUpTaskDue, claim);
        var updated = OpenTasks(leadId, lead, tasks) with { ThreeDayDueAt = null };
        State = State with { Leads = State.Leads.SetItem(leadId, updated) };
        if (tasks.Count > 0)
        {
            Publish(new BoardChange("task-created", now, $"No. {lead.RunningNumber}: three-day rule — follow-up and callback due", Lead: ToBoardLead(leadId, updated)));
        }
    }
}
