using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/leads/{leadId}/close</c>: lost or invalid; frees the designer's slot.</summary>
public sealed record CloseRequest(
    [property: CommandId] string CommandId,
    [property: Required] LeadOutcome? Outcome,
    [property: StringLength(Limits.Note)] string? Note = null);
