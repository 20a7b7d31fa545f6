using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.SurveyAnswered"/> event: one respondent's internal satisfaction form about a
/// manager for a quarter (a later form of the same respondent replaces it).
/// </summary>
public sealed record SurveyAnswered(string ManagerId, string Quarter, string RespondentId, string Role, int Total, ImmutableArray<SurveyItemScore> Items);
