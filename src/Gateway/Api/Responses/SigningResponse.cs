using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>An accepted deposit or contract: this lead owns the customer (以谁定单为准).</summary>
public sealed record SigningResponse(bool Accepted, string LeadId, CustomerOwner Owner, string Message)
{
    /// <summary>From the grain's answer.</summary>
    public static SigningResponse From(SigningOutcome outcome) => new(outcome.Accepted, outcome.LeadId, outcome.Owner, outcome.Message);
}
