namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.TaskOverdue"/> event: a deadline missed (recorded once per task).</summary>
public sealed record TaskOverdue(string TaskId, string OwnerId, string Kind, string AssigneeId, DateTimeOffset DueAt);
