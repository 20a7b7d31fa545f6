using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/projects/{projectId}/delays</c>: a delay certificate (延期证明).</summary>
public sealed record DelayRequest(
    [property: CommandId] string CommandId,
    [property: Required, Range(1, 365)] int? Days,
    [property: Required, StringLength(Limits.Note, MinimumLength = 1)] string Reason,
    bool CustomerSigned = false);
