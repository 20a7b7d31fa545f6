using System.Globalization;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>Intake (接待): registration (paper forms entered late too), feedback forms, cross-resource conflicts, the three-day rule.</summary>
public sealed partial class StoreGrain
{
    /// <inheritdoc />
    public Task<VisitRegistered> RegisterVisitAsync(RegisterVisit visit, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(visit);
        EnsureConfigured();
        var name = VisitValidator.Name(visit.Name);
        var phone = VisitValidator.Phone(visit.Phone);
        var referrerName = VisitValidator.Text(visit.ReferrerName, "referrerName", VisitValidator.MaxNameLength);
        var referrerPhone = VisitValidator.OptionalPhone(visit.ReferrerPhone, "referrerPhone");
        var community = VisitValidator.Text(visit.Community, "community", VisitValidator.MaxShortLength);
        var address = VisitValidator.Text(visit.Address, "address", VisitValidator.MaxNoteLength);
        var paperNumber = VisitValidator.Text(visit.PaperNumber, "paperNumber", VisitValidator.MaxShortLength);
        if (visit.Channel == VisitChannel.Referral && referrerName is null)
        {
            throw CrmException.Invalid("referrerName", "A referral records who referred the customer.");
        }

        // The customer may ask for an excellent-grade designer or above (客户需优秀级以上设计师); "ordinary" asks for nothing.
        if (visit.RequestedGrade is DesignerGrade.Ordinary)
        {
            throw CrmException.Invalid("requestedGrade", "A requested grade is excellent or expert (leave it out for any designer).");
        }

        if (visit.AppointmentWith is { } appointed && !IsManager(appointed))
        {
            throw CrmException.Invalid("appointmentWith", $"{appointed} is not an account manager of store {Key}.");
        }

        var now = Now;
        var today = Today;
        var arrivedAt = LateEntryTime(visit.RegisteredAt, paperNumber, now);
        var lateEntry = visit.RegisteredAt is not null;
        if (lateEntry)
        {
            await EnsurePaperFormNewAsync(paperNumber!, now);
        }

        // An appointment goes to whoever made it; a walk-in to the on-duty manager of the day the visitor came (nobody on
        // an unassigned rest day: the lead waits unassigned until a manager is assigned for that date).
        var managerId = visit.AppointmentWith ?? Roster().OnDuty(StoreCalendar.LocalDate(arrivedAt, State.TimeZone));
        var runningNumber = State.LastRunningNumber + 1;
        var leadId = LeadIds.ForStore(Key, runningNumber);
        var customerId = Identity.IdOf(phone);
        var customer = await Customer(customerId).RegisterLeadAsync(new CustomerLead(leadId, Key, managerId, arrivedAt), name, phone);

        var lead = new LeadState
        {
            CustomerId = customerId,
            RunningNumber = runningNumber,
            Name = name,
            Phone = phone,
            Channel = visit.Channel,
            ManagerId = managerId,
            Status = LeadStatus.Normal,
            RegisteredAt = arrivedAt,
            PreviousDesignerId = customer.PreviousDesignerId,
            Needs = visit.Needs,
            ReferrerName = referrerName,
            ReferrerPhone = referrerPhone,
            Community = community,
            Address = address,
            PaperNumber = paperNumber,
            LateEntry = lateEntry,
            RequestedGrade = visit.RequestedGrade,
            DesignFeeRate = visit.RequestedGrade is { } grade ? evaluation.DesignFees.RateOf(grade) : null,

            // The three-day rule counts from the real visit: a paper form entered late may already be due.
            ThreeDayDueAt = arrivedAt + rules.ThreeDayRule,
        };
        lead = lead with { Conflicts = FlagConflicts(leadId, managerId, customer.Others, now) };
        State = State with
        {
            LastRunningNumber = runningNumber,
            Leads = State.Leads.SetItem(leadId, lead),
        };
        AddRecent(leadId, today);
        Record(
            JournalKinds.LeadRegistered,
            Key,
            leadId,
            new LeadRegistered(leadId, runningNumber, visit.Channel, managerId, arrivedAt, now, lateEntry, paperNumber, lead.Name, lead.Phone, community, address),
            arrivedAt);
        IndexForSearch(leadId, lead);

        var returning = customer.PreviousDesignerId is not null;
        Publish(new BoardChange(
            "visit-registered",
            now,
            $"No. {runningNumber} {visit.Channel}{(lateEntry ? $" (paper form {paperNumber}, late entry)" : "")} → {managerId ?? "unassigned: nobody on duty"}{(returning ? " (return customer)" : "")}{(lead.Conflicts.Count > 0 ? " ⚠ conflict" : "")}",
            Lead: ToBoardLead(leadId, lead)));
        return new VisitRegistered(customerId, leadId, runningNumber, managerId, returning, customer.PreviousDesignerId, [.. lead.Conflicts], lateEntry, arrivedAt);
    }, new Replay<VisitRegistered>(visit => visit.LeadId, async leadId =>
    {
        var lead = await LeadNowAsync(leadId);
        return new VisitRegistered(lead.CustomerId, leadId, lead.RunningNumber!.Value, lead.ManagerId, lead.PreviousDesignerId is not null, lead.PreviousDesignerId, lead.Conflicts, lead.LateEntry, lead.RegisteredAt);
    }));

    /// <summary>
    /// When the visitor really came: now, or for a paper form entered later (补录) the form's time, within the late-entry
    /// window. A paper form's number comes with its time, and one form is entered once (among the store's open leads).
    /// </summary>
    private DateTimeOffset LateEntryTime(DateTimeOffset? registeredAt, string? paperNumber, DateTimeOffset now)
    {
        if (registeredAt is not { } at)
        {
            return paperNumber is null
                ? now
                : throw CrmException.Invalid("registeredAt", "A paper form entered later needs registeredAt, the time the visitor really came.");
        }

        if (LateEntry.Refusal(at, now, rules.LateEntryWindow) is { } refusal)
        {
            throw CrmException.Invalid("registeredAt", refusal);
        }

        if (paperNumber is null)
        {
            throw CrmException.Invalid("paperNumber", "A late entry records the number of its paper form.");
        }

        return at.ToUniversalTime();
    }

    /// <summary>
    /// One paper form is entered once: among the open leads, and among the leads registered within the late-entry window
    /// (a form is at most that old when it is entered, so an earlier entry of it is in the journal since then, even if
    /// its lead is closed and archived by now).
    /// </summary>
    private async Task EnsurePaperFormNewAsync(string paperNumber, DateTimeOffset now)
    {
        var entered = State.Leads.FirstOrDefault(l => l.Value.PaperNumber == paperNumber).Key;
        if (entered is null)
        {
            var registered = await Journal.ReadAsync(new JournalQuery([JournalKinds.LeadRegistered], Key, From: now - rules.LateEntryWindow - TimeSpan.FromDays(1)));
            entered = registered
                .Select(e => System.Text.Json.JsonSerializer.Deserialize<LeadRegistered>(e.Data, CrmJson.Options)!)
                .FirstOrDefault(r => r.PaperNumber == paperNumber)?.LeadId;
        }

        if (entered is not null)
        {
            throw CrmException.Conflict("paperNumber", $"Paper form {paperNumber} is already entered as lead {entered}.");
        }
    }

    /// <inheritdoc />
    public Task<FeedbackRecorded> RecordFeedbackAsync(RecordFeedback feedback, string? commandId = null) => CommandAsync(commandId, () =>
    {
        ArgumentNullException.ThrowIfNull(feedback);
        EnsureConfigured();
        var name = VisitValidator.Text(feedback.Name, "name", VisitValidator.MaxNameLength);
        var phone = VisitValidator.OptionalPhone(feedback.Phone, "phone");
        var areas = feedback.VisitedAreas.IsDefault ? [] : feedback.VisitedAreas;
        if (areas.Length > VisitValidator.MaxVisitedAreas)
        {
            throw CrmException.Invalid("visitedAreas", $"A feedback form lists at most {VisitValidator.MaxVisitedAreas} areas.");
        }

        var visited = ImmutableArray.CreateBuilder<string>(areas.Length);
        for (var i = 0; i < areas.Length; i++)
        {
            visited.Add(VisitValidator.Text(areas[i], $"visitedAreas[{i}]", VisitValidator.MaxShortLength)
                ?? throw CrmException.Invalid($"visitedAreas[{i}]", "An area the visitor looked at cannot be blank."));
        }

        var comments = VisitValidator.Text(feedback.Comments, "comments", VisitValidator.MaxNoteLength);
        if (visited.Count == 0 && comments is null)
        {
            throw CrmException.Invalid("visitedAreas", "A feedback form says what the visitor looked at or what they commented.");
        }

        // The store keeps only a counter: the forms themselves live in the journal, where the store's list is read.
        var number = State.LastFeedbackNumber + 1;
        var feedbackId = $"{Key}-f{number}";
        State = State with { LastFeedbackNumber = number };
        Record(JournalKinds.FeedbackReceived, Key, feedbackId, new FeedbackReceived(feedbackId, name, phone, visited.ToImmutable(), comments));
        return Task.FromResult(new FeedbackRecorded(feedbackId, Now));
    });

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
