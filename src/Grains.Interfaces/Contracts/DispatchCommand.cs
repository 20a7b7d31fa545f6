namespace Orleans.Crm.Grains.Contracts;

/// <summary>Dispatches a lead: by the rules, or (with a designer and a reason) as a manual override.</summary>
[GenerateSerializer, Alias("crm.DispatchCommand")]
public sealed record DispatchCommand(string LeadId, string ManagerId, string? DesignerId = null, string? Reason = null);
