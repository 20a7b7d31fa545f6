using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// One account manager's quarter (key <c>{managerId}/{quarter}</c>, e.g. <c>m1/2026Q4</c>): decides the facts entered for
/// the quarter and the internal satisfaction survey forms about the manager. Never calls another grain. The score itself
/// is read through <see cref="IReportsGrain"/> from the journal, with what the system recorded.
/// </summary>
public interface IManagerQuarterGrain : IGrainWithStringKey
{
    /// <summary>The grain key of a manager's quarter.</summary>
    public static string KeyOf(string managerId, string quarter) => $"{managerId}/{quarter}";

    /// <summary>
    /// Sets the entered facts (the whole set; the same values again change nothing). Refused (400, <c>quarter</c>) before
    /// the quarter has begun in the store's <paramref name="timeZone"/>.
    /// </summary>
    Task<ManagerFactsView> SetFactsAsync(string storeId, string timeZone, ManagerFacts facts, string enteredBy, string? commandId = null);

    /// <summary>The entered facts, or null when none were entered.</summary>
    Task<ManagerFactsView?> GetFactsAsync();

    /// <summary>
    /// Records a survey form (validated against the seed's items; replaces the respondent's earlier form). Refused (400,
    /// <c>quarter</c>) before the quarter has begun in the store's <paramref name="timeZone"/>.
    /// </summary>
    Task<SurveyRecorded> AnswerSurveyAsync(string storeId, string timeZone, SurveyAnswer answer, string? commandId = null);
}
