using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>
/// An accepted deposit or contract: this lead owns the customer (以谁定单为准) through <paramref name="ProjectId"/>, the
/// project the first deposit (or a contract without one) opened; a contract after the deposit keeps it.
/// </summary>
public sealed record SigningResponse(bool Accepted, string LeadId, CustomerOwner Owner, string Message, string? ProjectId)
{
    /// <summary>From the grain's answer.</summary>
    public static SigningResponse From(SigningOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(outcome.Accepted, outcome.LeadId, outcome.Owner, outcome.Message, outcome.Owner.ProjectId);
    }
}
