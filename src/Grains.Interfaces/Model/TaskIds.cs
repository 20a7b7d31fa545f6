namespace Orleans.Crm.Grains.Model;

/// <summary>
/// A task's id names its owner and its rule (<c>{ownerId}.{rule}-{kind}</c>): a rule creates a task once per owner by
/// construction, and any process finds the grain deciding a task from its id alone, without a lookup. A dot separates
/// them, so the id is a valid route id; the rule part has no dot. Owners, told apart by the shape of their id:
/// <list type="bullet">
/// <item>a lead (<c>{storeId}-{n}</c>, <c>pool-{n}</c>): task → lead → store grain (<c>{leadId}.three-day-callback</c>);</item>
/// <item>a project (<c>{customerId}-p{n}</c>, see <see cref="ProjectIds"/>): task → project grain —
/// <c>{projectId}.weekly-{n}-callback</c> (the manager's weekly callback while under construction) and
/// <c>{projectId}.aftercare-d{3|10|30}-callback</c> (customer service's callbacks after completion acceptance).</item>
/// </list>
/// Assignees: a person's id, or a store's service desk <see cref="ServiceDesk"/> (<c>service:{storeId}</c>) for work of
/// the store's customer service as a team — every <c>service</c> user of that store and HQ's customer service (a
/// <c>service</c> token without a store) see and close those tasks. Other after-care owners (repairs) use the same
/// assignee convention and the same <c>.aftercare-d{n}-callback</c> rule names.
/// </summary>
public static class TaskIds
{
    /// <summary>The prefix of service-desk assignees.</summary>
    public const string ServiceDeskPrefix = TaskAssignees.ServiceGroup + ":";

    /// <summary>The assignee id of a store's customer-service desk (<c>service:{storeId}</c>).</summary>
    public static string ServiceDesk(string storeId) => TaskAssignees.Service(storeId);

    /// <summary>The store of a service-desk assignee id, or null when the assignee is a person.</summary>
    public static string? ServiceDeskStore(string? assigneeId) =>
        assigneeId is not null && assigneeId.StartsWith(ServiceDeskPrefix, StringComparison.Ordinal) && assigneeId.Length > ServiceDeskPrefix.Length
            ? assigneeId[ServiceDeskPrefix.Length..]
            : null;

    /// <summary>The project a task id names (its owner is a project id), or null when it names a lead or nothing.</summary>
    public static string? ProjectOf(string? taskId) => LeadOf(taskId) is { } owner && ProjectIds.CustomerOf(owner) is not null ? owner : null;

    public static string For(string leadId, string rule, string kind) => $"{leadId}.{rule}-{kind}";

    /// <summary>The lead id a task id names, or null when it names none.</summary>
    public static string? LeadOf(string? taskId)
    {
        var dot = taskId?.LastIndexOf('.') ?? -1;
        return dot > 0 && dot < taskId!.Length - 1 ? taskId[..dot] : null;
    }
}
