using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.LeadRegistered"/> event (no name or phone: reports count visits, the lead has
/// the details). The event's time is when the visitor really came; <see cref="EnteredAt"/> when it was typed in.
/// </summary>
public sealed record LeadRegistered(
    string LeadId,
    int RunningNumber,
    VisitChannel Channel,
    string? ManagerId,
    DateTimeOffset RegisteredAt,
    DateTimeOffset EnteredAt,
    bool LateEntry,
    string? PaperNumber);
