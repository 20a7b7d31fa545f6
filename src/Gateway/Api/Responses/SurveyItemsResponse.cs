using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>Answer of <c>GET /api/surveys/items</c>: the survey's items (with each answer's points) and the allowed answers.</summary>
public sealed record SurveyItemsResponse(IReadOnlyList<SurveyItem> Items, IReadOnlyList<string> Answers);
