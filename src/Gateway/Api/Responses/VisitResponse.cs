using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>
/// A registered visit: the customer, the new lead, its manager (appointment or on-duty; null while nobody is on duty),
/// any cross-store/cross-group conflicts, and for a paper form entered later the time the visitor really came.
/// </summary>
public sealed record VisitResponse(
    string CustomerId,
    string LeadId,
    string? ManagerId,
    int RunningNumber,
    bool ReturnCustomer,
    string? PreviousDesignerId,
    IReadOnlyList<LeadConflict> Conflicts,
    bool LateEntry,
    DateTimeOffset? RegisteredAt)
{
    /// <summary>From the grain's answer.</summary>
    public static VisitResponse From(VisitRegistered visit) => new(
        visit.CustomerId, visit.LeadId, visit.ManagerId, visit.RunningNumber, visit.ReturnCustomer, visit.PreviousDesignerId, visit.Conflicts, visit.LateEntry, visit.RegisteredAt);
}
