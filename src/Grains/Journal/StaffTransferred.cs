namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.StaffTransferred"/> event: a person moved from one store (or group) to another,
/// with the name they had. Recorded by the store they left; a move inside one store has the same store on both sides.
/// </summary>
public sealed record StaffTransferred(
    string UserId,
    string Name,
    string Role,
    string FromStoreId,
    string? FromGroupManagerId,
    string ToStoreId,
    string? ToGroupManagerId,
    DateOnly Effective,
    string? By,
    string? ReassignTo,
    int Leads,
    int TasksMoved);
