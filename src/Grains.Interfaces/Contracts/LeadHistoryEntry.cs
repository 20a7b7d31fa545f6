namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// One journal event of a lead, for its timeline: the journal kind (<c>lead-refused</c>, <c>key-follow-up</c>,
/// <c>fault-slip</c>, …), when, who it concerns (ids; the gateway words them in names) and a short detail.
/// </summary>
[GenerateSerializer, Alias("crm.LeadHistoryEntry")]
public sealed record LeadHistoryEntry(
    string Kind,
    DateTimeOffset At,
    string? ManagerId,
    string? DesignerId,
    string? ByUserId,
    decimal? Amount,
    string? Detail);
