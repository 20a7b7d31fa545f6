using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>
/// The caller's work list (<c>GET /api/my/leads</c>): <paramref name="List"/> says which — <c>manager</c> (their leads),
/// <c>designer</c> (the leads they hold), <c>frontdesk</c> (the store's registrations of today), <c>store</c> (a
/// supervisor's or HQ's open leads of the store).
/// </summary>
public sealed record MyLeadsResponse(string StoreId, string List, IReadOnlyList<MyLead> Leads);

/// <summary>
/// One lead of a work list, masked as the caller's role requires, with the people in names and the days since its last
/// follow-up (since the visit when there was none).
/// </summary>
public sealed record MyLead(
    string LeadId,
    int RunningNumber,
    string? Name,
    string? Phone,
    LeadStatus Status,
    string Colour,
    bool Open,
    string? ManagerId,
    string? ManagerName,
    string? DesignerId,
    string? DesignerName,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastFollowUpAt,
    int DaysSinceFollowUp,
    bool LateEntry);
