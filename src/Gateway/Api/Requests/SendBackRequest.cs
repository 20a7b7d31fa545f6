using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/projects/{projectId}/stages/review/send-back</c>: the supervisor's reason.</summary>
public sealed record SendBackRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(Limits.Note, MinimumLength = 1)] string Reason);
