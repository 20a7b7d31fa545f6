using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/leads/{leadId}/follow-ups</c>: a recorded follow-up or callback.</summary>
public sealed record FollowUpRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(Limits.Note, MinimumLength = 1)] string Note);
