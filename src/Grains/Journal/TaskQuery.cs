namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// Tasks of one store and/or one assignee (or assignees starting with <see cref="AssigneePrefix"/>, e.g. every service
/// desk), optionally in one state, by due time.
/// </summary>
public sealed record TaskQuery(string? StoreId = null, string? AssigneeId = null, string? State = null, int Limit = JournalQuery.MaxLimit, string? AssigneePrefix = null);
