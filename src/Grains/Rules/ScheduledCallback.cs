namespace Orleans.Crm.Grains.Rules;

/// <summary>A callback task to open at <paramref name="OpensAt"/> (by the owner's sweep), due at <paramref name="DueAt"/>.</summary>
public sealed record ScheduledCallback(string TaskId, string Rule, string AssigneeId, DateTimeOffset OpensAt, DateTimeOffset DueAt, string Summary);
