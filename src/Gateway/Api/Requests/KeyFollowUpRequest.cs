using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/leads/{leadId}/key-follow-up</c>: marks (or unmarks) the lead rose red (重点追踪).</summary>
public sealed record KeyFollowUpRequest(
    [property: CommandId] string CommandId,
    [property: Required] bool? On);
