using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Which dispatch rules (DOMAIN §4) a manual override to <c>chosenDesignerId</c> broke, judged on the snapshot the
/// dispatch saw. An override that picks whom the rules would have picked, or bypasses only designers who were not
/// eligible anyway, breaks nothing; anything else is the manager's fault (一般过失单).
/// </summary>
/// <remarks>
/// Eligible (as <see cref="DispatchPlanner"/> judges it): present, below the cap, senior when the customer needs one, and
/// not a designer who refused this lead. The rules broken:
/// <list type="bullet">
/// <item><c>return-customer</c>: the customer's previous designer was eligible and someone else was chosen.</item>
/// <item><c>own-group-first</c>: a designer of another group was chosen while the dispatching manager's group had an eligible one.</item>
/// <item><c>rank-order</c>: an eligible designer of the chosen designer's group ranked better.</item>
/// <item><c>needs-senior</c>: the customer needs a senior designer and the chosen one is not.</item>
/// <item><c>requested-grade</c>: the customer asked for a grade (excellent or expert) above the chosen designer's.</item>
/// <item><c>refused-before</c>: the chosen designer refused this lead before.</item>
/// </list>
/// Going back to the return customer's previous designer is the rule itself, so rank and group are not held against it.
/// </remarks>
public static class OverrideAudit
{
    public static IReadOnlyList<RuleBreak> RulesBroken(DispatchRequest request, string chosenDesignerId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(chosenDesignerId);
        var lead = request.Lead;
        var refused = request.RefusedDesignerIds ?? new HashSet<string>();
        var groupOf = request.Groups
            .SelectMany(g => g.Designers.Select(d => (Designer: d, g.ManagerId)))
            .ToDictionary(x => x.Designer.DesignerId, StringComparer.Ordinal);
        if (!groupOf.TryGetValue(chosenDesignerId, out var chosen))
        {
            return [];
        }

        bool Eligible(DesignerSnapshot d) =>
            d.Present && !d.IsFull && (!lead.NeedsSenior || d.Level == DesignerLevel.Senior) && !BelowGrade(d) && !refused.Contains(d.DesignerId);

        bool BelowGrade(DesignerSnapshot d) => lead.RequestedGrade is { } requested && d.Grade < requested;

        var breaks = new List<RuleBreak>();
        var backToPrevious = lead.IsReturnCustomer && lead.PreviousDesignerId == chosenDesignerId;
        if (lead.IsReturnCustomer && !backToPrevious
            && groupOf.TryGetValue(lead.PreviousDesignerId!, out var previous) && Eligible(previous.Designer))
        {
            breaks.Add(new RuleBreak(DispatchRuleCodes.ReturnCustomer,
                $"Return customer: the previous designer {DispatchWording.Designer(previous.Designer)} was eligible."));
        }

        if (!backToPrevious)
        {
            var ownGroup = request.Groups.FirstOrDefault(g => g.ManagerId == request.DispatchingManagerId);
            if (ownGroup is not null && chosen.ManagerId != ownGroup.ManagerId && ownGroup.Designers.FirstOrDefault(Eligible) is { } own)
            {
                breaks.Add(new RuleBreak(DispatchRuleCodes.OwnGroupFirst,
                    $"Own group first: {DispatchWording.Designer(own)} of the dispatching manager's group was eligible."));
            }

            var better = request.Groups.First(g => g.ManagerId == chosen.ManagerId).Designers
                .Where(d => d.DesignerId != chosenDesignerId && d.Rank < chosen.Designer.Rank && Eligible(d))
                .OrderBy(d => d.Rank)
                .ThenBy(d => d.DesignerId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (better is not null)
            {
                breaks.Add(new RuleBreak(DispatchRuleCodes.RankOrder,
                    $"Rank order: {DispatchWording.Designer(better)} (rank {better.Rank}) was eligible before {DispatchWording.Designer(chosen.Designer)} (rank {chosen.Designer.Rank})."));
            }
        }

        if (lead.NeedsSenior && chosen.Designer.Level != DesignerLevel.Senior)
        {
            breaks.Add(new RuleBreak(DispatchRuleCodes.NeedsSenior,
                $"The customer needs a senior designer; {DispatchWording.Designer(chosen.Designer)} is {chosen.Designer.Level}."));
        }

        if (BelowGrade(chosen.Designer))
        {
            breaks.Add(new RuleBreak(DispatchRuleCodes.RequestedGrade,
                $"The customer asked for a {lead.RequestedGrade!.Value.ToString().ToLowerInvariant()}-grade designer or above; {DispatchWording.Designer(chosen.Designer)} is {chosen.Designer.Grade.ToString().ToLowerInvariant()}."));
        }

        if (refused.Contains(chosenDesignerId))
        {
            breaks.Add(new RuleBreak(DispatchRuleCodes.RefusedBefore, $"{DispatchWording.Designer(chosen.Designer)} refused this lead before."));
        }

        return breaks;
    }
}
