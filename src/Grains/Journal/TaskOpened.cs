namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.TaskOpened"/> event.</summary>
public sealed record TaskOpened(string TaskId, string LeadId, string Rule, string AssigneeId, DateTimeOffset DueAt, string? Summary);
