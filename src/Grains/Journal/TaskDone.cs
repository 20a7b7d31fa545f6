namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.TaskDone"/> or <see cref="JournalKinds.TaskCancelled"/> event.</summary>
public sealed record TaskDone(string TaskId, string? By, string? Note);
