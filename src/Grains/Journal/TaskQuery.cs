namespace Orleans.Crm.Grains.Journal;

/// <summary>Tasks of one store and/or one assignee, optionally in one state, by due time.</summary>
public sealed record TaskQuery(string? StoreId = null, string? AssigneeId = null, string? State = null, int Limit = JournalQuery.MaxLimit);
