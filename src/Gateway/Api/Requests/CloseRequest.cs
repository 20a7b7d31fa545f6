using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>
/// Body of <c>POST /api/leads/{leadId}/close</c>: lost or invalid; frees the designer's slot. A lead holding a deposit is
/// closed only by a supervisor or HQ with <c>reason</c> <c>deposit-refunded</c> or <c>deposit-forfeited</c> (outcome lost).
/// </summary>
/// <param name="Reason">Required: price, design, competitor, postponed, unreachable, no-need or other; or, for a lead holding a deposit, deposit-refunded or deposit-forfeited.</param>
/// <param name="Analysis">Required for a lost lead: why it was lost (对丢、跑单资源必须要有原因分析).</param>
public sealed record CloseRequest(
    [property: CommandId] string CommandId,
    [property: Required] LeadOutcome? Outcome,
    [property: StringLength(Limits.Note)] string? Note = null,
    [property: StringLength(Limits.Short)] string? Reason = null,
    [property: StringLength(Limits.Note)] string? Analysis = null);
