using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// A lead in a work list ("my leads", a designer's held leads, the front desk's registrations of today), folded from
/// the journal: its status (and colour) now, who works it, when it was last followed up (null: never) and how many whole
/// days ago that was (since the visit when never).
/// </summary>
[GenerateSerializer, Alias("crm.LeadListRow")]
public sealed record LeadListRow(
    string LeadId,
    int RunningNumber,
    string? Name,
    string? Phone,
    string? ManagerId,
    string? DesignerId,
    LeadStatus Status,
    string Colour,
    bool Open,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastFollowUpAt,
    int DaysSinceFollowUp,
    bool LateEntry);
