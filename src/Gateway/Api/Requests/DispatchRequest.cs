using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/leads/{leadId}/dispatch</c>: by the rules, or to a named designer with a reason (override).</summary>
/// <param name="ManagerId">The dispatching manager (credited with the lead); defaults to the caller when a manager, else the lead's manager.</param>
public sealed record DispatchRequest(
    [property: CommandId] string CommandId,
    [property: CrmId] string? ManagerId = null,
    [property: CrmId] string? DesignerId = null,
    [property: System.ComponentModel.DataAnnotations.StringLength(Limits.Note)] string? Reason = null);
