using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A registered visit: the customer, the new lead, its manager (appointment or on-duty) and any cross-store/cross-group conflicts.</summary>
public sealed record VisitResponse(
    string CustomerId,
    string LeadId,
    string? ManagerId,
    int RunningNumber,
    bool ReturnCustomer,
    string? PreviousDesignerId,
    IReadOnlyList<LeadConflict> Conflicts)
{
    /// <summary>From the grain's answer.</summary>
    public static VisitResponse From(VisitRegistered visit) => new(
        visit.CustomerId, visit.LeadId, visit.ManagerId, visit.RunningNumber, visit.ReturnCustomer, visit.PreviousDesignerId, visit.Conflicts);
}
