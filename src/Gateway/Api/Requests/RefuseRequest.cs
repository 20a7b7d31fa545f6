using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/leads/{leadId}/refuse</c>: the holding designer gives the lead back (recorded against them).</summary>
/// <param name="DesignerId">The refusing designer; defaults to the caller when a designer.</param>
public sealed record RefuseRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(Limits.Note, MinimumLength = 1)] string Reason,
    [property: CrmId] string? DesignerId = null);
