namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.ComplaintBreached"/> event: the missed step and who answers for it.</summary>
public sealed record ComplaintBreached(string ComplaintId, string Step, DateTimeOffset DueAt, string Responsible, string? ResponsiblePerson, int Round);
