namespace Orleans.Crm.Grains.Rules;

/// <summary>One designer the planner looked at, in the order it looked.</summary>
public sealed record DispatchCandidate(string DesignerId, string? GroupManagerId, CandidateOutcome Outcome, string Reason);
