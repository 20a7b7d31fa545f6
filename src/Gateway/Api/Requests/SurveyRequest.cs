using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>
/// Body of <c>POST /api/surveys</c>: the caller's internal satisfaction form (内部满意度调查表) about an account manager of
/// their store for a quarter. <paramref name="Answers"/> maps every item id (<c>GET /api/surveys/items</c>) to
/// <c>yes</c> (是这样), <c>no-answer</c> (不回答) or <c>no</c> (不是这样).
/// </summary>
public sealed record SurveyRequest(
    [property: CommandId] string CommandId,
    [property: Required, CrmId] string ManagerId,
    [property: Required, StringLength(16)] string Quarter,
    [property: Required, MaxLength(Limits.ListItems)] IReadOnlyDictionary<string, string>? Answers);
