namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Who takes a leaving person's work (issue 16, 离职/调店). A designer's open leads go back to dispatch by the rules, as
/// a refused lead does: each is planned for the manager who dispatched it (own group first, then other groups, within
/// every designer's cap), one after the other so the caps see the leads handed over before; a lead nobody can take
/// waits in the queue. The departing designer is never a candidate, and a lead that named them as the return
/// customer's previous designer loses that link. An account manager's work all goes to one manager the supervisor names.
/// </summary>
public static class DepartureRules
{
    /// <summary>
    /// The leads of <paramref name="departingDesignerId"/> (in the order given: oldest first) planned against
    /// <paramref name="groups"/> as they are with the designer still in them; every lead gets a decision, assigned or
    /// queued, never dropped.
    /// </summary>
    public static IReadOnlyList<DepartureDispatch> Redispatch(IReadOnlyList<DesignGroup> groups, string departingDesignerId, IReadOnlyList<DepartingLead> leads)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(leads);
        var current = groups
            .Select(g => g with { Designers = [.. g.Designers.Where(d => d.DesignerId != departingDesignerId)] })
            .ToList();
        var plan = new List<DepartureDispatch>(leads.Count);
        foreach (var departing in leads)
        {
            var lead = departing.Lead.PreviousDesignerId == departingDesignerId ? departing.Lead with { PreviousDesignerId = null } : departing.Lead;
            var decision = DispatchPlanner.Plan(new DispatchRequest(lead, departing.DispatchingManagerId, current, null, departing.RefusedBy));
            if (decision.IsAssigned)
            {
                // The next lead sees this one's slot taken.
                current = [.. current.Select(g => g with
                {
                    Designers = [.. g.Designers.Select(d => d.DesignerId == decision.DesignerId ? d with { Holding = d.Holding + 1 } : d)],
                })];
            }
            else if (decision.Kind != DispatchKind.Queued)
            {
                decision = decision with { Kind = DispatchKind.Queued, DesignerId = null, GroupManagerId = null };
            }

            plan.Add(new DepartureDispatch(lead.LeadId, departing.DispatchingManagerId, decision));
        }

        return plan;
    }

    /// <summary>
    /// Whether a leaving account manager's hand-over can go ahead: with open work (leads, queued leads, tasks, designers
    /// in their group) the supervisor must name another manager of the store in <c>reassignTo</c>; a store keeps at least
    /// one manager. Null when it can; otherwise the refusal naming the field.
    /// </summary>
    public static CrmException? CheckManagerHandover(string managerId, string? reassignTo, IReadOnlyCollection<string> managers, ManagerWork work)
    {
        ArgumentNullException.ThrowIfNull(managers);
        ArgumentNullException.ThrowIfNull(work);
        if (reassignTo is not null)
        {
            if (reassignTo == managerId)
            {
                return CrmException.Invalid("reassignTo", $"{managerId} cannot hand their work to themselves: name another account manager of the store.");
            }

            return managers.Contains(reassignTo)
                ? null
                : CrmException.Invalid("reassignTo", $"'{reassignTo}' is not an account manager of the store (managers: {string.Join(", ", managers.Where(m => m != managerId))}).");
        }

        if (managers.Count <= 1)
        {
            return CrmException.Conflict("userId", $"{managerId} is the store's only account manager: place another manager first, then hand over to them.");
        }

        return work.IsEmpty
            ? null
            : CrmException.Invalid(
                "reassignTo",
                $"{managerId} has {work.Leads} open lead(s), {work.Queued} queued, {work.Tasks} open task(s) and {work.Designers} designer(s) in their group: " +
                $"reassignTo must name the account manager who takes them (one of {string.Join(", ", managers.Where(m => m != managerId))}).");
    }
}

