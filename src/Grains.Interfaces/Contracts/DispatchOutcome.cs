namespace Orleans.Crm.Grains.Contracts;

/// <summary>What a dispatch did, with its explanation.</summary>
/// <param name="Result">dispatched | queued | rejected.</param>
[GenerateSerializer, Alias("crm.DispatchOutcome")]
public sealed record DispatchOutcome(
    string Result,
    string LeadId,
    string? DesignerId,
    string? GroupManagerId,
    bool CrossGroup,
    bool Override,
    bool ReturnCustomer,
    string Summary,
    ImmutableArray<ExplanationLine> Explanation)
{
    /// <summary>The lead went to a designer.</summary>
    public const string Dispatched = "dispatched";

    /// <summary>Nobody eligible: the lead waits in the store's queue.</summary>
    public const string Queued = "queued";

    /// <summary>A manual override that the rules refuse (cap full, absent, unknown designer).</summary>
    public const string Rejected = "rejected";
}

/// <summary>One candidate of a dispatch, in the order considered, and why it was chosen or skipped.</summary>
[GenerateSerializer, Alias("crm.ExplanationLine")]
public sealed record ExplanationLine(string DesignerId, string? GroupManagerId, string Outcome, string Reason);
