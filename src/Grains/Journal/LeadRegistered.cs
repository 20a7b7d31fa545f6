using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.LeadRegistered"/> event. The event's time is when the visitor really came;
/// <see cref="EnteredAt"/> when it was typed in. <see cref="Name"/>, <see cref="Phone"/>, <see cref="Community"/> and
/// <see cref="Address"/> are the registration form's (客户咨询登记表) own lines, for the customer register export
/// (supervisors and HQ only); counting reports ignore them. Events from before they were recorded have them null.
/// </summary>
public sealed record LeadRegistered(
    string LeadId,
    int RunningNumber,
    VisitChannel Channel,
    string? ManagerId,
    DateTimeOffset RegisteredAt,
    DateTimeOffset EnteredAt,
    bool LateEntry,
    string? PaperNumber,
    string? Name = null,
    string? Phone = null,
    string? Community = null,
    string? Address = null);
