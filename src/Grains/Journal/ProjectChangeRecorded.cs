namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.ProjectChange"/> event: a change order requested (pending) or signed.</summary>
public sealed record ProjectChangeRecorded(string ProjectId, string ChangeId, string State, string Description, decimal Cost, string By);
