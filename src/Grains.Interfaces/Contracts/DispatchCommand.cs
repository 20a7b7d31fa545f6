namespace Orleans.Crm.Grains.Contracts;

/// <summary>Dispatches a lead: by the rules, or (with a designer and a reason) as a manual override.</summary>
/// <param name="By">Who sent it (a supervisor or HQ may dispatch for the manager), for the fault slip of an override.</param>
[GenerateSerializer, Alias("crm.DispatchCommand")]
public sealed record DispatchCommand(string LeadId, string ManagerId, string? DesignerId = null, string? Reason = null, string? By = null);
