namespace Orleans.Crm.Grains.Rules;

/// <summary>Where one of a leaving designer's leads goes: the planner's decision (assigned or queued), in hand-over order.</summary>
public sealed record DepartureDispatch(string LeadId, string DispatchingManagerId, DispatchDecision Decision);
