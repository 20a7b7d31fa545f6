namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.LeadReassigned"/> event: a lead handed over because the person serving it left
/// or moved. <paramref name="FromName"/> keeps the departed person's name; <paramref name="Outcome"/> is one of
/// <see cref="Contracts.LeadHandover"/>'s outcomes.
/// </summary>
public sealed record LeadReassigned(
    string LeadId,
    int? RunningNumber,
    string FromRole,
    string FromId,
    string FromName,
    string Outcome,
    string? DesignerId,
    string? ManagerId,
    string Reason);
