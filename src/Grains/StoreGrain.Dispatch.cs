using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>Dispatch (派单制) within holding caps (持单), the queue, refusals.</summary>
public sealed partial class StoreGrain
{
    /// <inheritdoc />
    public Task<DispatchOutcome> SuggestDispatchAsync(string leadId, string managerId)
    {
        var lead = OpenLead(leadId);
        return Task.FromResult(ToOutcome(leadId, Plan(leadId, lead, managerId ?? lead.ManagerId ?? "", null)));
    }

    /// <inheritdoc />
    public Task<DispatchOutcome> DispatchAsync(DispatchCommand command, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(command);
        var lead = OpenLead(command.LeadId);
        if (!IsManager(command.ManagerId))
        {
            throw CrmException.Invalid("managerId", $"{command.ManagerId} is not an account manager of store {Key}.");
        }

        if (lead.HoldsSlot)
        {
            throw CrmException.Conflict("leadId", $"Lead {command.LeadId} is already dispatched to {lead.DesignerId}.");
        }

        // A ranking whose midnight has passed is in force even if the minute's sweep has not come yet: dispatch by its caps.
        await ApplyDueRankingAsync(Now);

        ManualOverride? manual = null;
        if (command.DesignerId is not null)
        {
            if (string.IsNullOrWhiteSpace(command.Reason))
            {
                throw CrmException.Invalid("reason", "A manual dispatch must give a reason (it is visible as an override).");
            }

            manual = new ManualOverride(command.DesignerId, command.Reason.Trim());
        }

        var request = PlanRequest(command.LeadId, lead, command.ManagerId, manual);
        var decision = DispatchPlanner.Plan(request);
        switch (decision.Kind)
        {
            case DispatchKind.Assigned:
                // Judged on the snapshot the dispatch saw, before the designer's holding grows.
                if (decision.IsOverride)
                {
                    RecordFaultSlip(command, lead, OverrideAudit.RulesBroken(request, decision.DesignerId!));
                }

                await AssignAsync(command.LeadId, decision, command.ManagerId, fromQueue: false);
                break;
            case DispatchKind.Queued:
                Enqueue(command.LeadId, command.ManagerId, decision);
                break;
        }

        return ToOutcome(command.LeadId, decision);
    }, DispatchReplay);

    /// <inheritdoc />
    public Task<DispatchOutcome> RefuseAsync(string leadId, string designerId, string reason, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        var lead = OpenLead(leadId);
        if (!lead.HoldsSlot || lead.DesignerId != designerId)
        {
            throw CrmException.Conflict("designerId", $"{designerId} does not hold lead {leadId}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw CrmException.Invalid("reason", "A refusal must give a reason.");
        }

        var designer = State.Designers[designerId];

        // 挑肥拣瘦: a refusal counts against the designer's evaluation.
        State = State with { Designers = State.Designers.SetItem(designerId, designer with { Holding = designer.Holding.Remove(leadId), Refusals = designer.Refusals + 1 }) };
        lead = lead with { DesignerId = null, HoldsSlot = false, RefusedBy = lead.RefusedBy.Add(designerId) };
        State = State with { Leads = State.Leads.SetItem(leadId, lead) };
        var now = Now;
        Record(JournalKinds.LeadRefused, Key, leadId, new LeadRefused(leadId, lead.RunningNumber, designerId, lead.Dispatches.LastOrDefault()?.ManagerId ?? lead.ManagerId, reason.Trim()));
        Publish(new BoardChange(
            "lead-refused",
            now,
            $"No. {lead.RunningNumber} refused by {designer.Name}: {reason.Trim()}",
            Lead: ToBoardLead(leadId, lead),
            Designers: DesignerCards(designerId),
            Ticker: new TickerLine(now, leadId, designerId, $"No. {lead.RunningNumber} refused by {designer.Name} ({reason.Trim()})")));

        // Back to dispatch by the rules, credited to the manager who dispatched it.
        var managerId = lead.Dispatches.LastOrDefault()?.ManagerId ?? lead.ManagerId ?? State.Groups[0].ManagerId;
        var decision = Plan(leadId, lead, managerId, null);
        if (decision.IsAssigned)
        {
            await AssignAsync(leadId, decision, managerId, fromQueue: false);
        }
        else
        {
            Enqueue(leadId, managerId, decision);
        }

        await DrainQueueAsync();
        return ToOutcome(leadId, decision);
    }, DispatchReplay);

    /// <summary>A dispatch is remembered by the time of the lead's dispatch record it made (queued outcomes in full).</summary>
    private Replay<DispatchOutcome> DispatchReplay => new(
        outcome => outcome.Result == DispatchOutcome.Dispatched && State.Leads.TryGetValue(outcome.LeadId, out var lead) && lead.Dispatches.Count > 0
            ? $"{lead.Dispatches[^1].At.UtcTicks}@{outcome.LeadId}"
            : null,
        async reference =>
        {
            var at = long.Parse(reference.AsSpan(0, reference.IndexOf('@', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
            var lead = await LeadNowAsync(reference[(reference.IndexOf('@', StringComparison.Ordinal) + 1)..]);
            var record = lead.Dispatches.LastOrDefault(d => d.At.UtcTicks == at) ?? lead.Dispatches[^1];
            return new DispatchOutcome(DispatchOutcome.Dispatched, lead.LeadId, record.DesignerId, record.GroupManagerId, record.CrossGroup, record.Override, record.ReturnCustomer, record.Summary, record.Explanation);
        });

    private LeadState OpenLead(string leadId)
    {
        EnsureConfigured();
        return State.Leads.GetValueOrDefault(leadId) is { } lead
            ? lead
            : throw (WasLeadHere(leadId)
                ? CrmException.Conflict("leadId", $"Lead {leadId} is closed (or back in the pool).")
                : CrmException.NotFound("leadId", $"Lead {leadId} is not a lead of store {Key}."));
    }

    private DispatchDecision Plan(string leadId, LeadState lead, string managerId, ManualOverride? manual) =>
        DispatchPlanner.Plan(PlanRequest(leadId, lead, managerId, manual));

    private DispatchRequest PlanRequest(string leadId, LeadState lead, string managerId, ManualOverride? manual) => new(
        DispatchLeadOf(leadId, lead),
        managerId,
        DesignGroups(),
        manual,
        lead.RefusedBy.ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// An override that broke the dispatch rules is the dispatching manager's fault (一般过失单, DOMAIN §4): a journal
    /// event the store's fault-slip list reads. One that broke nothing is only marked as an override.
    /// </summary>
    private void RecordFaultSlip(DispatchCommand command, LeadState lead, IReadOnlyList<RuleBreak> breaks)
    {
        if (breaks.Count == 0)
        {
            return;
        }

        Record(JournalKinds.FaultSlip, Key, command.LeadId, new FaultSlipRecorded(
            command.LeadId,
            lead.RunningNumber,
            command.ManagerId,
            command.DesignerId!,
            [.. breaks.Select(b => b.Rule)],
            string.Join(" ", breaks.Select(b => b.Description)),
            command.Reason!.Trim(),
            command.By));
    }

    private static DispatchLead DispatchLeadOf(string leadId, LeadState lead) =>
        new(leadId, lead.CustomerId, lead.PreviousDesignerId, lead.Needs?.NeedsSenior ?? false, lead.RequestedGrade);

    private List<DesignGroup> DesignGroups() =>
    [
        .. State.Groups.Select(g => new DesignGroup(g.ManagerId, [.. g.DesignerIds.Select(id =>
        {
            var d = State.Designers[id];
            return new DesignerSnapshot(id, d.Name, d.Level, d.Rank, d.Present, d.Holding.Count, CapOf(d), d.Grade);
        })], g.ManagerName)),
    ];

    /// <summary>Gives the lead to the chosen designer. The cap is checked once more on the state this call writes.</summary>
    private async Task AssignAsync(string leadId, DispatchDecision decision, string managerId, bool fromQueue)
    {
        var designerId = decision.DesignerId!;
        var designer = State.Designers[designerId];
        var cap = CapOf(designer);
        if (designer.Holding.Count >= cap)
        {
            throw new InvalidOperationException($"Dispatch planned {designerId} beyond the cap ({designer.Holding.Count}/{cap}).");
        }

        var now = Now;
        var lead = State.Leads[leadId];
        var summary = fromQueue ? $"From the queue: {decision.Summary}" : decision.Summary;
        var record = new DispatchRecord(designerId, managerId, decision.CrossGroup, decision.IsOverride, decision.OverrideReason, summary, [.. decision.Explanation.Select(ToLine)], now, decision.GroupManagerId, decision.IsReturnCustomer);
        var backToPreviousDesigner = lead.PreviousDesignerId == designerId;

        // The customer learns who serves them now (a later visit is a return customer of this designer).
        await Customer(lead.CustomerId).SetDesignerAsync(leadId, managerId, designerId);

        // A claimed pool lead stops counting against its claimant's open claims once dispatched.
        lead = SettleClaim(leadId, lead) with
        {
            DesignerId = designerId,
            HoldsSlot = true,
            ManagerId = managerId,
            Queued = false,
            LastFollowUpAt = now,
            Dispatches = BoundedLog.Last(lead.Dispatches.Add(record), Options.LeadHistory),
        };
        State = State with
        {
            Leads = State.Leads.SetItem(leadId, lead),
            Designers = State.Designers.SetItem(designerId, designer with { Holding = designer.Holding.Add(leadId) }),
            Queue = State.Queue.RemoveAll(q => q.LeadId == leadId),
        };

        Record(JournalKinds.LeadDispatched, Key, leadId, new LeadDispatched(leadId, lead.RunningNumber, designerId, managerId, decision.GroupManagerId, decision.CrossGroup, decision.IsOverride, backToPreviousDesigner, fromQueue));
        Publish(new BoardChange(
            "lead-dispatched",
            now,
            summary,
            Lead: ToBoardLead(leadId, State.Leads[leadId]),
            Designers: DesignerCards(designerId),
            Queue: QueueIds(),
            Ticker: new TickerLine(now, leadId, designerId, $"No. {lead.RunningNumber} → {designer.Name}: {TickerReason(decision, designer, backToPreviousDesigner, fromQueue)}")));
        var kind = decision switch
        {
            { IsOverride: true } => CrmMetrics.Override,
            _ when backToPreviousDesigner => CrmMetrics.ReturnCustomer,
            { CrossGroup: true } => CrmMetrics.CrossGroup,
            _ => CrmMetrics.OwnGroup,
        };
        AfterCommit(() => Metrics.Dispatched(Key, kind, fromQueue));
    }

    private void Enqueue(string leadId, string managerId, DispatchDecision decision)
    {
        var lead = State.Leads[leadId] with { Queued = true };
        State = State with
        {
            Leads = State.Leads.SetItem(leadId, lead),
            Queue = State.Queue.Any(q => q.LeadId == leadId) ? State.Queue : State.Queue.Add(new QueueEntry(leadId, managerId, Now)),
        };
        Publish(new BoardChange(
            "lead-queued",
            Now,
            $"No. {lead.RunningNumber} waits: {decision.Summary}",
            Lead: ToBoardLead(leadId, lead),
            Queue: QueueIds()));
    }

    /// <summary>Offers freed slots to queued leads in arrival order.</summary>
    private async Task DrainQueueAsync()
    {
        while (State.Queue.Count > 0)
        {
            var queue = State.Queue.Select(entry =>
            {
                var lead = State.Leads[entry.LeadId];
                return new QueuedLead(DispatchLeadOf(entry.LeadId, lead), entry.ManagerId, entry.ArrivedAt, lead.RefusedBy.ToHashSet(StringComparer.Ordinal));
            });
            if (QueueRules.NextAssignable(queue, DesignGroups()) is not { } next)
            {
                return;
            }

            await AssignAsync(next.Entry.Lead.LeadId, next.Decision, next.Entry.DispatchingManagerId, fromQueue: true);
        }
    }

    /// <summary>Frees the lead's slot and takes it off the queue (signing, losing, closing, returning to the pool).</summary>
    private LeadState Release(string leadId, LeadState lead)
    {
        if (lead.HoldsSlot && lead.DesignerId is { } designerId && State.Designers.TryGetValue(designerId, out var designer))
        {
            State = State with { Designers = State.Designers.SetItem(designerId, designer with { Holding = designer.Holding.Remove(leadId) }) };
        }

        State = State with { Queue = State.Queue.RemoveAll(q => q.LeadId == leadId) };
        return lead with { HoldsSlot = false, Queued = false };
    }

    private ImmutableArray<string> QueueIds() => [.. State.Queue.Select(q => q.LeadId)];

    private static DispatchOutcome ToOutcome(string leadId, DispatchDecision decision) => new(
        decision.Kind switch
        {
            DispatchKind.Assigned => DispatchOutcome.Dispatched,
            DispatchKind.Queued => DispatchOutcome.Queued,
            _ => DispatchOutcome.Rejected,
        },
        leadId,
        decision.DesignerId,
        decision.GroupManagerId,
        decision.CrossGroup,
        decision.IsOverride,
        decision.IsReturnCustomer,
        decision.Summary,
        [.. decision.Explanation.Select(ToLine)]);

    private static ExplanationLine ToLine(DispatchCandidate candidate) =>
        new(candidate.DesignerId, candidate.GroupManagerId, candidate.Outcome.ToString(), candidate.Reason);

    /// <summary>The ticker's one-line reason, in words a showroom reads at a glance (no ids).</summary>
    private string TickerReason(DispatchDecision decision, DesignerEntry designer, bool backToPreviousDesigner, bool fromQueue)
    {
        var reason = decision switch
        {
            { IsOverride: true } => $"指定 override — {decision.OverrideReason}",
            _ when backToPreviousDesigner => "回头客 return customer",
            { CrossGroup: true } => $"跨组 cross-group — own group full, {State.Groups.FirstOrDefault(g => g.ManagerId == decision.GroupManagerId)?.ManagerName}'s group",
            _ => $"本组 own group, rank {designer.Rank}",
        };
        return fromQueue ? $"{reason} (from the queue 队列)" : reason;
    }
}
