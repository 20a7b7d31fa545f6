namespace Orleans.Crm.Grains.Rules;

/// <summary>The planner's answer, with the reasoning the dispatch board and the audit trail show.</summary>
/// <param name="DesignerId">The chosen designer; null when queued or rejected.</param>
/// <param name="GroupManagerId">The manager of the chosen designer's group.</param>
/// <param name="CrossGroup">The chosen designer is not in the dispatching manager's group; the lead is still credited to the dispatching manager.</param>
/// <param name="Summary">One English line: what happened and why.</param>
public sealed record DispatchDecision(
    DispatchKind Kind,
    string? DesignerId,
    string? GroupManagerId,
    bool CrossGroup,
    bool IsOverride,
    string? OverrideReason,
    bool IsReturnCustomer,
    IReadOnlyList<DispatchCandidate> Explanation,
    string Summary)
{
    public bool IsAssigned => Kind == DispatchKind.Assigned;
}
