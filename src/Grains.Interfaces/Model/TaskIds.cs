namespace Orleans.Crm.Grains.Model;

/// <summary>
/// A task's id names its lead and its rule (<c>{leadId}.three-day-callback</c>): a rule creates a task once per lead by
/// construction, and any process finds the store deciding a task from its id (task → lead → store), without a lookup.
/// A dot separates them, so the id is a valid route id; the rule part has no dot.
/// </summary>
public static class TaskIds
{
    public static string For(string leadId, string rule, string kind) => $"{leadId}.{rule}-{kind}";

    /// <summary>The lead id a task id names, or null when it names none.</summary>
    public static string? LeadOf(string? taskId)
    {
        var dot = taskId?.LastIndexOf('.') ?? -1;
        return dot > 0 && dot < taskId!.Length - 1 ? taskId[..dot] : null;
    }
}
