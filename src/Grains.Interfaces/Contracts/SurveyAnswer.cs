namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// One respondent's internal satisfaction survey about an account manager (seed 000's appendix): the respondent (the
/// store's supervisor or one of its designers), their role, and an answer for every item (<see cref="Model.SurveyItems"/>).
/// A respondent has one form per manager and quarter: answering again replaces it.
/// </summary>
[GenerateSerializer, Alias("crm.SurveyAnswer")]
public sealed record SurveyAnswer(string RespondentId, string Role, ImmutableArray<SurveyItemAnswer> Answers);

/// <summary>The answer to one item: <c>yes</c>, <c>no-answer</c> or <c>no</c>.</summary>
[GenerateSerializer, Alias("crm.SurveyItemAnswer")]
public sealed record SurveyItemAnswer(string ItemId, string Answer);

/// <summary>One item of a recorded form: the answer and its points.</summary>
[GenerateSerializer, Alias("crm.SurveyItemScore")]
public sealed record SurveyItemScore(string ItemId, string Answer, int Points);

/// <summary>The survey as recorded: the form's total (0–100), each item's answer and points, and whether it replaced an earlier form.</summary>
[GenerateSerializer, Alias("crm.SurveyRecorded")]
public sealed record SurveyRecorded(
    string ManagerId,
    string StoreId,
    string Quarter,
    string RespondentId,
    string Role,
    int Total,
    ImmutableArray<SurveyItemScore> Items,
    bool Replaced,
    DateTimeOffset At);
