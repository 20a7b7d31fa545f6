using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A dispatch (or a suggestion): to whom, whether across groups or by override, and why (each candidate considered).</summary>
/// <param name="Result">dispatched | queued | rejected.</param>
public sealed record DispatchResponse(
    string Result,
    string LeadId,
    string? DesignerId,
    string? GroupManagerId,
    bool CrossGroup,
    bool Override,
    bool ReturnCustomer,
    string Summary,
    IReadOnlyList<ExplanationLine> Explanation)
{
    /// <summary>From the grain's answer.</summary>
    public static DispatchResponse From(DispatchOutcome outcome) => new(
        outcome.Result,
        outcome.LeadId,
        outcome.DesignerId,
        outcome.GroupManagerId,
        outcome.CrossGroup,
        outcome.Override,
        outcome.ReturnCustomer,
        outcome.Summary,
        outcome.Explanation);
}
