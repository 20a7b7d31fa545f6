using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The dispatch rule (派单制; seed 000, DOMAIN §4): who gets a lead, and why.
/// Pure: it reads a snapshot and proposes; the caller enforces the cap atomically when it commits.
/// </summary>
/// <remarks>
/// Order of consideration:
/// <list type="number">
/// <item>Return customer (回头客): their previous designer, in whatever group, if eligible.</item>
/// <item>The dispatching manager's own group, by rank ascending (ties by designer id).</item>
/// <item>The other groups in the store's group order, each by rank.</item>
/// <item>Nobody eligible: the lead waits in the store's queue.</item>
/// </list>
/// A return customer whose previous designer is full or absent falls back to the normal order rather
/// than waiting. Seed 000 lists "another designer's return customer" only as a reason the others are not
/// eligible, never as a reason to hold a customer back, and it puts the customer's interest first
/// (以客户利益为第一位); a visitor standing at the front desk is served now. The explanation records
/// that the previous designer was tried first.
/// <para>"Needs senior" is the customer's current, explicit request, so it also filters the return
/// customer's previous designer: a non-senior previous designer is explained and skipped.</para>
/// <para>A manual override may bypass rank, group, return-customer, needs-senior and an earlier refusal
/// (the reason carries the responsibility and the decision is marked), but never the cap, which is a hard
/// invariant, nor presence: an absent designer cannot take a visitor.</para>
/// </remarks>
public static class DispatchPlanner
{
    public static DispatchDecision Plan(DispatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Lead);
        ArgumentNullException.ThrowIfNull(request.Groups);
        var index = IndexDesigners(request.Groups);
        var refused = request.RefusedDesignerIds ?? new HashSet<string>();

        return request.Override is { } manual
            ? PlanOverride(request, manual, index, refused)
            : PlanByRules(request, index, refused);
    }

    private static DispatchDecision PlanByRules(
        DispatchRequest request,
        Dictionary<string, (DesignerSnapshot Designer, string ManagerId)> index,
        IReadOnlySet<string> refused)
    {
        var lead = request.Lead;
        var explanation = new List<DispatchCandidate>();
        var considered = new HashSet<string>(StringComparer.Ordinal);
        string? returnFallback = null;

        if (lead.PreviousDesignerId is { Length: > 0 } previousId)
        {
            considered.Add(previousId);
            if (index.TryGetValue(previousId, out var previous))
            {
                var candidate = Evaluate(previous.Designer, previous.ManagerId, lead, refused, "return customer's previous designer");
                explanation.Add(candidate);
                if (candidate.Outcome == CandidateOutcome.Chosen)
                {
                    return Assigned(request, previous.Designer, previous.ManagerId, explanation,
                        $"Return customer goes back to previous designer {DispatchWording.Designer(previous.Designer)}.");
                }

                returnFallback = $"previous designer {DispatchWording.Designer(previous.Designer)} not eligible ({Describe(candidate.Outcome)})";
            }
            else
            {
                explanation.Add(new DispatchCandidate(previousId, null, CandidateOutcome.SkippedNotInStore,
                    $"Return customer's previous designer {previousId} is not in this store."));
                returnFallback = $"previous designer {previousId} not in this store";
            }
        }

        foreach (var group in OrderGroups(request.Groups, request.DispatchingManagerId))
        {
            foreach (var designer in group.Designers.OrderBy(d => d.Rank).ThenBy(d => d.DesignerId, StringComparer.Ordinal))
            {
                if (!considered.Add(designer.DesignerId))
                {
                    continue;
                }

                var own = group.ManagerId == request.DispatchingManagerId;
                var candidate = Evaluate(designer, group.ManagerId, lead, refused, own ? "own group" : $"group of {DispatchWording.Manager(group)}");
                explanation.Add(candidate);
                if (candidate.Outcome == CandidateOutcome.Chosen)
                {
                    var why = own
                        ? $"Highest-ranked eligible designer of the own group: {DispatchWording.Designer(designer)} (rank {designer.Rank})."
                        : $"Nobody eligible in the own group; {DispatchWording.Designer(designer)} (rank {designer.Rank}) of {DispatchWording.Manager(group)}'s group.";
                    return Assigned(request, designer, group.ManagerId, explanation,
                        returnFallback is null ? why : $"Return customer, {returnFallback}; fell back to the normal order. {why}");
                }
            }
        }

        var queued = "No eligible designer in the store; the lead waits in the queue.";
        return new DispatchDecision(DispatchKind.Queued, null, null, false, false, null, lead.IsReturnCustomer, explanation,
            returnFallback is null ? queued : $"Return customer, {returnFallback}. {queued}");
    }

    private static DispatchDecision PlanOverride(
        DispatchRequest request,
        ManualOverride manual,
        Dictionary<string, (DesignerSnapshot Designer, string ManagerId)> index,
        IReadOnlySet<string> refused)
    {
        var lead = request.Lead;
        if (string.IsNullOrWhiteSpace(manual.Reason))
        {
            return Rejected(request, manual, [], "A manual override must carry a reason.");
        }

        if (!index.TryGetValue(manual.DesignerId, out var target))
        {
            var missing = new DispatchCandidate(manual.DesignerId, null, CandidateOutcome.SkippedNotInStore,
                $"{manual.DesignerId} is not a designer of this store.");
            return Rejected(request, manual, [missing], $"Override refused: {manual.DesignerId} is not a designer of this store.");
        }

        var designer = target.Designer;
        if (!designer.Present)
        {
            var absent = new DispatchCandidate(designer.DesignerId, target.ManagerId, CandidateOutcome.SkippedAbsent,
                $"{DispatchWording.Designer(designer)} is not present.");
            return Rejected(request, manual, [absent], $"Override refused: {DispatchWording.Designer(designer)} is not present.");
        }

        if (designer.IsFull)
        {
            var full = new DispatchCandidate(designer.DesignerId, target.ManagerId, CandidateOutcome.SkippedFull, FullReason(designer));
            return Rejected(request, manual, [full], $"Override refused: {FullReason(designer)}");
        }

        var bypassed = new List<string>();
        if (lead.IsReturnCustomer && lead.PreviousDesignerId != designer.DesignerId)
        {
            bypassed.Add($"return customer of {(index.TryGetValue(lead.PreviousDesignerId!, out var previous) ? DispatchWording.Designer(previous.Designer) : lead.PreviousDesignerId)}");
        }

        if (lead.NeedsSenior && designer.Level != DesignerLevel.Senior)
        {
            bypassed.Add("customer needs a senior designer");
        }

        if (lead.RequestedGrade is { } requested && designer.Grade < requested)
        {
            bypassed.Add($"customer asked for a {requested.ToString().ToLowerInvariant()}-grade designer or above");
        }

        if (refused.Contains(designer.DesignerId))
        {
            bypassed.Add("designer refused this lead before");
        }

        var reason = manual.Reason.Trim().TrimEnd('.');
        var note = bypassed.Count == 0 ? string.Empty : $" Bypassed: {string.Join("; ", bypassed)}.";
        var chosen = new DispatchCandidate(designer.DesignerId, target.ManagerId, CandidateOutcome.Chosen,
            $"Manual override: {reason}.{note}");
        return new DispatchDecision(DispatchKind.Assigned, designer.DesignerId, target.ManagerId,
            target.ManagerId != request.DispatchingManagerId, true, manual.Reason, lead.IsReturnCustomer, [chosen],
            $"Manual override to {DispatchWording.Designer(designer)}: {reason}.{note}");
    }

    private static DispatchCandidate Evaluate(DesignerSnapshot designer, string managerId, DispatchLead lead, IReadOnlySet<string> refused, string role)
    {
        var who = $"{DispatchWording.Designer(designer)} ({role}, rank {designer.Rank})";
        if (lead.NeedsSenior && designer.Level != DesignerLevel.Senior)
        {
            return new(designer.DesignerId, managerId, CandidateOutcome.SkippedNotSenior,
                $"{who}: customer needs a senior designer, this one is {designer.Level}.");
        }

        if (lead.RequestedGrade is { } requested && designer.Grade < requested)
        {
            return new(designer.DesignerId, managerId, CandidateOutcome.SkippedBelowGrade,
                $"{who}: customer asked for a {requested.ToString().ToLowerInvariant()}-grade designer or above, this one is {designer.Grade.ToString().ToLowerInvariant()}.");
        }

        if (refused.Contains(designer.DesignerId))
        {
            return new(designer.DesignerId, managerId, CandidateOutcome.SkippedRefused, $"{who}: refused this lead before.");
        }

        if (!designer.Present)
        {
            return new(designer.DesignerId, managerId, CandidateOutcome.SkippedAbsent, $"{who}: not present.");
        }

        if (designer.IsFull)
        {
            return new(designer.DesignerId, managerId, CandidateOutcome.SkippedFull, $"{who}: {FullReason(designer)}");
        }

        return new(designer.DesignerId, managerId, CandidateOutcome.Chosen,
            $"{who}: present, holding {designer.Holding} of {designer.Cap}.");
    }

    private static string FullReason(DesignerSnapshot designer) => designer.Holding > designer.Cap
        ? $"{DispatchWording.Designer(designer)} holds {designer.Holding}, above the lowered cap of {designer.Cap}; no new lead until below it."
        : $"{DispatchWording.Designer(designer)} holding is full ({designer.Holding} of {designer.Cap}).";

    private static string Describe(CandidateOutcome outcome) => outcome switch
    {
        CandidateOutcome.SkippedFull => "full",
        CandidateOutcome.SkippedAbsent => "absent",
        CandidateOutcome.SkippedNotSenior => "not senior",
        CandidateOutcome.SkippedRefused => "refused it",
        CandidateOutcome.SkippedNotInStore => "not in store",
        CandidateOutcome.SkippedBelowGrade => "below the requested grade",
        _ => outcome.ToString(),
    };

    // Own group first, then the rest in the store's order. A dispatcher without a group of their own
    // (e.g. a supervisor) simply has every group as "another group".
    private static IEnumerable<DesignGroup> OrderGroups(IReadOnlyList<DesignGroup> groups, string dispatchingManagerId) =>
        groups.Where(g => g.ManagerId == dispatchingManagerId).Concat(groups.Where(g => g.ManagerId != dispatchingManagerId));

    private static Dictionary<string, (DesignerSnapshot Designer, string ManagerId)> IndexDesigners(IReadOnlyList<DesignGroup> groups)
    {
        var index = new Dictionary<string, (DesignerSnapshot, string)>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var designer in group.Designers)
            {
                if (!index.TryAdd(designer.DesignerId, (designer, group.ManagerId)))
                {
                    throw new ArgumentException($"Designer '{designer.DesignerId}' appears in more than one place.", nameof(groups));
                }
            }
        }

        return index;
    }

    private static DispatchDecision Assigned(DispatchRequest request, DesignerSnapshot designer, string managerId, List<DispatchCandidate> explanation, string summary) =>
        new(DispatchKind.Assigned, designer.DesignerId, managerId, managerId != request.DispatchingManagerId, false, null,
            request.Lead.IsReturnCustomer, explanation, summary);

    private static DispatchDecision Rejected(DispatchRequest request, ManualOverride manual, List<DispatchCandidate> explanation, string summary) =>
        new(DispatchKind.Rejected, null, null, false, true, manual.Reason, request.Lead.IsReturnCustomer, explanation, summary);
}
