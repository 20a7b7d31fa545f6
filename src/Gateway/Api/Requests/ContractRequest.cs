using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/leads/{leadId}/contract</c> (签单): the signer's name must match the deposit's payer.</summary>
public sealed record ContractRequest(
    [property: CommandId] string CommandId,
    [property: Required, Amount] decimal? Amount,
    [property: Required, StringLength(Limits.Name, MinimumLength = 1)] string SignerName);
