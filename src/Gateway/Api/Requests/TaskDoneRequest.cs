using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/tasks/{taskId}/done</c>.</summary>
public sealed record TaskDoneRequest(
    [property: CommandId] string CommandId,
    [property: StringLength(Limits.Note)] string? Note = null);
