namespace Orleans.Crm.Grains.Rules;

/// <summary>A queued lead that can be dispatched now, and the decision for it.</summary>
public sealed record QueueAssignment(QueuedLead Entry, DispatchDecision Decision);
