using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Follow-up tasks created by rules. A task's id is its lead's id and its rule's (<see cref="TaskIds"/>),
/// so a rule that runs twice for a lead (a reminder firing twice, a sweep repeated) finds the task already there.
/// </summary>
public static class TaskRules
{
    /// <summary>The three-day rule (DOMAIN §6).</summary>
    public const string ThreeDay = "three-day";

    public const string FollowUpKind = "follow-up";

    public const string CallbackKind = "callback";

    /// <summary>The id of a lead's task of a rule and kind (<see cref="TaskIds"/>).</summary>
    public static string TaskId(string leadId, string rule, string kind) => TaskIds.For(leadId, rule, kind);

    /// <summary>
    /// The three-day rule's tasks for a lead that has not asked for measurement within 3 days of the visit (or claim):
    /// the designer follows up, the manager phones and records the callback (seed 000). Due <paramref name="dueAfter"/>
    /// after the rule fell due; tasks the lead already has (same id) are not created again.
    /// </summary>
    /// <param name="claim">
    /// For a claimed pool lead, what tells its claims apart (the claim time): a lead that went back to the pool and was
    /// claimed again starts the rule afresh, and its new tasks must not take the ids of the first claim's (the task list
    /// keeps one row per id).
    /// </param>
    public static IReadOnlyList<LeadTask> ThreeDayTasks(string leadId, string? designerId, string? managerId, IEnumerable<LeadTask> existing, DateTimeOffset ruleDueAt, TimeSpan dueAfter, string? claim = null)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var have = existing.Select(t => t.TaskId).ToHashSet(StringComparer.Ordinal);
        var due = ruleDueAt + dueAfter;
        var rule = claim is null ? ThreeDay : $"{ThreeDay}-{claim}";
        var tasks = new List<LeadTask>();
        if (designerId is not null && !have.Contains(TaskId(leadId, rule, FollowUpKind)))
        {
            tasks.Add(new LeadTask(FollowUpKind, designerId, due, "Three-day rule: no measurement requested yet; follow up with the customer.", TaskId(leadId, rule, FollowUpKind), TaskStates.Open, ThreeDay));
        }

        if (managerId is not null && !have.Contains(TaskId(leadId, rule, CallbackKind)))
        {
            tasks.Add(new LeadTask(CallbackKind, managerId, due, "Three-day rule: phone the customer and record the callback.", TaskId(leadId, rule, CallbackKind), TaskStates.Open, ThreeDay));
        }

        return tasks;
    }

    /// <summary>Open and past its due time.</summary>
    public static bool IsOverdue(string state, DateTimeOffset dueAt, DateTimeOffset now) => state == TaskStates.Open && dueAt < now;

    /// <summary>Open and overdue by more than <paramref name="escalateAfter"/>: it goes on the store supervisor's list, flagged.</summary>
    public static bool IsEscalated(string state, DateTimeOffset dueAt, DateTimeOffset now, TimeSpan escalateAfter) =>
        state == TaskStates.Open && now - dueAt > escalateAfter;
}
