using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/leads/{leadId}/deposit</c> (交定金): the first deposit or contract owns the customer.</summary>
public sealed record DepositRequest(
    [property: CommandId] string CommandId,
    [property: Required, Amount] decimal? Amount,
    [property: Required, StringLength(Limits.Name, MinimumLength = 1)] string PayerName);
