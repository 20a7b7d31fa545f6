namespace Orleans.Crm.Grains.Rules;

/// <summary>A lead a leaving designer held, with the manager it was dispatched for and who refused it before.</summary>
public sealed record DepartingLead(DispatchLead Lead, string DispatchingManagerId, IReadOnlySet<string> RefusedBy);
