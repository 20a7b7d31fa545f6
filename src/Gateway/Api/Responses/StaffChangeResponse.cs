using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>
/// The answer of a leave or transfer: who, from which store to which (null after leaving), and every piece of their
/// open work and where it went. A repeat with the same command id answers the same.
/// </summary>
/// <param name="Kind">leave or transfer.</param>
/// <param name="Leads">Each open lead handed over: dispatched (to <c>designerId</c>), queued, manager (to <c>managerId</c>) or unassigned.</param>
public sealed record StaffChangeResponse(
    string UserId,
    string Name,
    string Role,
    string Kind,
    string? FromStoreId,
    string? StoreId,
    string? GroupManagerId,
    string Effective,
    IReadOnlyList<LeadHandover> Leads,
    int TasksMoved,
    IReadOnlyList<string> DesignersMoved,
    IReadOnlyList<string> DutyDatesRemoved,
    int ClaimsSettled);
