using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/pool/leads/{leadId}/claim</c>.</summary>
/// <param name="ManagerId">The claiming manager; defaults to the caller when a manager (who may claim only for themselves).</param>
public sealed record ClaimRequest(
    [property: CommandId] string CommandId,
    [property: CrmId] string? ManagerId = null);
