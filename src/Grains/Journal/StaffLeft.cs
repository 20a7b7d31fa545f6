namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.StaffLeft"/> event: who left the store (with the name they had, so history
/// reads the same afterwards), in what role, on which date, who decided, and what was handed over.
/// </summary>
public sealed record StaffLeft(
    string UserId,
    string Name,
    string Role,
    string StoreId,
    DateOnly Effective,
    string? By,
    string? ReassignTo,
    int Leads,
    int TasksMoved,
    IReadOnlyList<string> DesignersMoved);
