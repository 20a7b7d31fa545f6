using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/projects/{projectId}/stages/{stage}/start|accept</c>; who did it comes from the token.</summary>
/// <param name="CustomerSigned">The customer signed the stage's acceptance (required true to accept every stage but the review).</param>
public sealed record StageRequest(
    [property: CommandId] string CommandId,
    [property: StringLength(Limits.Note)] string? Note = null,
    bool CustomerSigned = false);
