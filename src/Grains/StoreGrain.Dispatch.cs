using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>Dispatch (派单制) within holding caps (持单), the queue, refusals.</summary>
public sealed partial class StoreGrain
{
    /// <inheritdoc />
    public async Task<DispatchOutcome> SuggestDispatchAsync(string leadId, string managerId)
    {
        var lead = await OpenLeadAsync(leadId);
        var decision = await PlanAsync(leadId, lead, managerId ?? lead.ManagerId ?? "", null);
        return ToOutcome(leadId, decision);
    }

    /// <inheritdoc />
    public async Task<DispatchOutcome> DispatchAsync(DispatchCommand command)
    {
        var lead = await OpenLeadAsync(command.LeadId);
        if (!IsManager(command.ManagerId))
        {
            throw CrmException.Invalid("managerId", $"{command.ManagerId} is not an account manager of store {Key}.");
        }

        if (lead.HoldsSlot)
        {
            throw CrmException.Conflict("leadId", $"Lead {command.LeadId} is already dispatched to {lead.DesignerId}.");
        }

        ManualOverride? manual = null;
        if (command.DesignerId is not null)
        {
            if (string.IsNullOrWhiteSpace(command.Reason))
            {
                throw CrmException.Invalid("reason", "A manual dispatch must give a reason (it is visible as an override).");
            }

            manual = new ManualOverride(command.DesignerId, command.Reason.Trim());
        }

        var decision = await PlanAsync(command.LeadId, lead, command.ManagerId, manual);
        switch (decision.Kind)
        {
            case DispatchKind.Assigned:
                await AssignAsync(command.LeadId, decision, command.ManagerId, fromQueue: false);
                break;
            case DispatchKind.Queued:
                await EnqueueAsync(command.LeadId, command.ManagerId, decision);
                break;
        }

        return ToOutcome(command.LeadId, decision);
    }

    /// <inheritdoc />
    public async Task<DispatchOutcome> RefuseAsync(string leadId, string designerId, string reason)
    {
        var lead = await OpenLeadAsync(leadId);
        if (!lead.HoldsSlot || lead.DesignerId != designerId)
        {
            throw CrmException.Conflict("designerId", $"{designerId} does not hold lead {leadId}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw CrmException.Invalid("reason", "A refusal must give a reason.");
        }

        var designer = await Transaction.ReadAsync<DesignerState>(designerId);
        Transaction.Write(designerId, designer with
        {
            Holding = [.. designer.Holding.Where(id => id != leadId)],

            // 挑肥拣瘦: a refusal counts against the designer's evaluation.
            Refusals = designer.Refusals + 1,
        });
        lead = lead with { DesignerId = null, HoldsSlot = false, RefusedBy = [.. lead.RefusedBy, designerId] };
        Transaction.Write(leadId, lead);
        Publish(new BoardChange(
            "lead-refused",
            Now,
            $"No. {lead.RunningNumber} refused by {designer.Name}: {reason.Trim()}",
            Lead: ToBoardLead(leadId, lead),
            Designers: await DesignerCardsAsync(designerId),
            Ticker: new TickerLine(Now, leadId, designerId, $"No. {lead.RunningNumber} refused by {designer.Name} ({reason.Trim()})")));

        // Back to dispatch by the rules, credited to the manager who dispatched it.
        var managerId = lead.Dispatches.LastOrDefault()?.ManagerId ?? lead.ManagerId ?? State.Groups[0].ManagerId;
        var decision = await PlanAsync(leadId, lead, managerId, null);
        if (decision.IsAssigned)
        {
            await AssignAsync(leadId, decision, managerId, fromQueue: false);
        }
        else
        {
            await EnqueueAsync(leadId, managerId, decision);
        }

        await DrainQueueAsync();
        return ToOutcome(leadId, decision);
    }

    private async Task<LeadState> OpenLeadAsync(string leadId)
    {
        EnsureConfigured();
        var lead = await Transaction.FindAsync<LeadState>(leadId);
        if (lead is not { Exists: true } || lead.StoreId != Key)
        {
            throw CrmException.NotFound("leadId", $"Lead {leadId} is not a lead of store {Key}.");
        }

        return lead.Open ? lead : throw CrmException.Conflict("leadId", $"Lead {leadId} is closed ({lead.Status}).");
    }

    private async Task<DispatchDecision> PlanAsync(string leadId, LeadState lead, string managerId, ManualOverride? manual)
    {
        var customer = await Transaction.ReadAsync<CustomerState>(lead.CustomerId);
        var request = new DispatchRequest(
            new DispatchLead(leadId, lead.CustomerId, customer.PreviousDesignerId, lead.Needs?.NeedsSenior ?? false),
            managerId,
            await DesignGroupsAsync(),
            manual,
            lead.RefusedBy.ToHashSet(StringComparer.Ordinal));
        return DispatchPlanner.Plan(request);
    }

    private async Task<IReadOnlyList<DesignGroup>> DesignGroupsAsync()
    {
        var groups = new List<DesignGroup>();
        foreach (var group in State.Groups)
        {
            var designers = new List<DesignerSnapshot>();
            foreach (var id in group.DesignerIds)
            {
                var d = await Transaction.ReadAsync<DesignerState>(id);
                designers.Add(new DesignerSnapshot(id, d.Name, d.Level, d.Rank, d.Present, d.Holding.Count, rules.Caps.CapFor(d.Rank, State.Season)));
            }

            groups.Add(new DesignGroup(group.ManagerId, designers));
        }

        return groups;
    }

    /// <summary>Gives the lead to the chosen designer. The cap is checked once more on the row this commit writes.</summary>
    private async Task AssignAsync(string leadId, DispatchDecision decision, string managerId, bool fromQueue)
    {
        var designerId = decision.DesignerId!;
        var designer = await Transaction.ReadAsync<DesignerState>(designerId);
        var cap = rules.Caps.CapFor(designer.Rank, State.Season);
        if (designer.Holding.Count >= cap)
        {
            throw new InvalidOperationException($"Dispatch planned {designerId} beyond the cap ({designer.Holding.Count}/{cap}).");
        }

        var now = Now;
        var lead = await Transaction.ReadAsync<LeadState>(leadId);
        var explanation = decision.Explanation.Select(ToLine).ToList();
        var summary = fromQueue ? $"From the queue: {decision.Summary}" : decision.Summary;
        lead = lead with
        {
            DesignerId = designerId,
            HoldsSlot = true,
            ManagerId = managerId,
            Queued = false,
            LastFollowUpAt = now,
            Dispatches = [.. lead.Dispatches, new DispatchRecord(designerId, managerId, decision.CrossGroup, decision.IsOverride, decision.OverrideReason, summary, explanation, now)],
        };
        Transaction.Write(leadId, lead);
        Transaction.Write(designerId, designer with { Holding = [.. designer.Holding, leadId] });

        var customer = await Transaction.ReadAsync<CustomerState>(lead.CustomerId);
        var backToPreviousDesigner = customer.PreviousDesignerId == designerId;
        Transaction.Write(lead.CustomerId, customer with
        {
            PreviousDesignerId = designerId,
            OpenLeads = [.. customer.OpenLeads.Select(o => o.LeadId == leadId ? o with { ManagerId = managerId } : o)],
        });

        // A claimed pool lead stops counting against its claimant's open claims once dispatched.
        await LeadRows.DropOpenClaimAsync(Transaction, managerId, leadId);

        State = State with { Queue = [.. State.Queue.Where(q => q.LeadId != leadId)] };
        Publish(new BoardChange(
            "lead-dispatched",
            now,
            summary,
            Lead: ToBoardLead(leadId, lead),
            Designers: await DesignerCardsAsync(designerId),
            Queue: [.. State.Queue.Select(q => q.LeadId)],
            Ticker: new TickerLine(now, leadId, designerId, $"No. {lead.RunningNumber} → {designer.Name}: {TickerReason(decision, designer, backToPreviousDesigner, fromQueue)}")));
    }

    private async Task EnqueueAsync(string leadId, string managerId, DispatchDecision decision)
    {
        var lead = await Transaction.ReadAsync<LeadState>(leadId);
        if (!State.Queue.Any(q => q.LeadId == leadId))
        {
            State = State with { Queue = [.. State.Queue, new QueueEntry(leadId, managerId, Now)] };
        }

        lead = lead with { Queued = true };
        Transaction.Write(leadId, lead);
        Publish(new BoardChange(
            "lead-queued",
            Now,
            $"No. {lead.RunningNumber} waits: {decision.Summary}",
            Lead: ToBoardLead(leadId, lead),
            Queue: [.. State.Queue.Select(q => q.LeadId)]));
    }

    /// <summary>Offers freed slots to queued leads in arrival order.</summary>
    private async Task DrainQueueAsync()
    {
        while (State.Queue.Count > 0)
        {
            var queue = new List<QueuedLead>();
            foreach (var entry in State.Queue)
            {
                var lead = await Transaction.ReadAsync<LeadState>(entry.LeadId);
                var customer = await Transaction.ReadAsync<CustomerState>(lead.CustomerId);
                queue.Add(new QueuedLead(
                    new DispatchLead(entry.LeadId, lead.CustomerId, customer.PreviousDesignerId, lead.Needs?.NeedsSenior ?? false),
                    entry.ManagerId,
                    entry.ArrivedAt,
                    lead.RefusedBy.ToHashSet(StringComparer.Ordinal)));
            }

            var next = QueueRules.NextAssignable(queue, await DesignGroupsAsync());
            if (next is null)
            {
                return;
            }

            await AssignAsync(next.Entry.Lead.LeadId, next.Decision, next.Entry.DispatchingManagerId, fromQueue: true);
        }
    }

    /// <summary>Frees the lead's slot, takes it off the queue (signing, losing, closing).</summary>
    private async Task<LeadState> ReleaseAsync(string leadId, LeadState lead)
    {
        if (lead.HoldsSlot && lead.DesignerId is { } designerId)
        {
            await LeadRows.FreeSlotAsync(Transaction, designerId, leadId);
        }

        State = State with { Queue = [.. State.Queue.Where(q => q.LeadId != leadId)] };
        return lead with { HoldsSlot = false, Queued = false };
    }

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
    private string TickerReason(DispatchDecision decision, DesignerState designer, bool backToPreviousDesigner, bool fromQueue)
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
