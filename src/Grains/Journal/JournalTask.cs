namespace Orleans.Crm.Grains.Journal;

/// <summary>A follow-up task as the task list shows it, derived from its journal events.</summary>
/// <param name="State"><see cref="JournalTaskStates"/>: open, done or cancelled.</param>
public sealed record JournalTask(
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
    string? Note);
