namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The store's waiting queue: first come, first served. When a slot frees, the earliest-arrived lead
/// that can now be dispatched goes first. A lead that still cannot be placed (e.g. it needs a senior
/// designer and none is free) does not block the leads behind it.
/// </summary>
public static class QueueRules
{
    /// <summary>Arrival order; equal instants are ordered by lead id so every process agrees.</summary>
    public static IReadOnlyList<QueuedLead> InArrivalOrder(IEnumerable<QueuedLead> queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return [.. queue.OrderBy(q => q.ArrivedAt).ThenBy(q => q.Lead.LeadId, StringComparer.Ordinal)];
    }

    /// <summary>The first queued lead, in arrival order, that the normal dispatch rules can place now; null if none.</summary>
    public static QueueAssignment? NextAssignable(IEnumerable<QueuedLead> queue, IReadOnlyList<DesignGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var entry in InArrivalOrder(queue))
        {
            var decision = DispatchPlanner.Plan(ToRequest(entry, groups));
            if (decision.IsAssigned)
            {
                return new QueueAssignment(entry, decision);
            }
        }

        return null;
    }

    /// <summary>
    /// Every assignment the queue allows now, in order, counting each one against the chosen designer's
    /// holding before planning the next, so no plan overfills a designer.
    /// </summary>
    public static IReadOnlyList<QueueAssignment> PlanDrain(IEnumerable<QueuedLead> queue, IReadOnlyList<DesignGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var remaining = InArrivalOrder(queue).ToList();
        var current = groups;
        var plan = new List<QueueAssignment>();
        while (NextAssignable(remaining, current) is { } next)
        {
            plan.Add(next);
            remaining.Remove(next.Entry);
            current = WithOneMoreHeld(current, next.Decision.DesignerId!);
        }

        return plan;
    }

    private static DispatchRequest ToRequest(QueuedLead entry, IReadOnlyList<DesignGroup> groups) =>
        new(entry.Lead, entry.DispatchingManagerId, groups, null, entry.RefusedDesignerIds);

    private static DesignGroup[] WithOneMoreHeld(IReadOnlyList<DesignGroup> groups, string designerId) =>
    [
        .. groups.Select(g => g with
        {
            Designers = [.. g.Designers.Select(d => d.DesignerId == designerId ? d with { Holding = d.Holding + 1 } : d)],
        }),
    ];
}
