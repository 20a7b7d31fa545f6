namespace Orleans.Crm.Grains.Contracts;

/// <summary>A follow-up task as the task lists show it (read from the journal).</summary>
/// <param name="State"><see cref="Model.TaskStates"/>: open, done or cancelled.</param>
/// <param name="Escalated">Open and overdue by more than the escalation delay (24 h): on the store supervisor's list, flagged.</param>
[GenerateSerializer, Alias("crm.TaskView")]
public sealed record TaskView(
    string TaskId,
    string StoreId,
    string LeadId,
    string Rule,
    string AssigneeId,
    DateTimeOffset DueAt,
    string State,
    DateTimeOffset CreatedAt,
    string? Summary,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    string? Note,
    bool Overdue,
    bool Escalated);
