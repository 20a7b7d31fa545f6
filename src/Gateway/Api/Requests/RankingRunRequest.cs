using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Optional body of <c>POST /api/stores/{storeId}/rankings/{period}/run</c>: a command id makes a retry return the first run.</summary>
public sealed record RankingRunRequest([property: StringLength(CommandIdAttribute.MaxLength, MinimumLength = 1)] string? CommandId = null);
