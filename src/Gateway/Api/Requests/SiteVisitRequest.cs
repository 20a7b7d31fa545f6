using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/projects/{projectId}/site-visits</c>: the designer's visit (the project's designer by default).</summary>
public sealed record SiteVisitRequest(
    [property: CommandId] string CommandId,
    [property: StringLength(Limits.Note)] string? Note = null);
