using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.LeadClosed"/> event: what the lost-lead report and the evaluations count.</summary>
public sealed record LeadClosed(
    string LeadId,
    int? RunningNumber,
    string? ManagerId,
    string? DesignerId,
    LeadStatus Status,
    string? CloseReason,
    string? Analysis,
    string? Note,
    CustomerOwner? OwnedBy,
    string? ClosedBy);
