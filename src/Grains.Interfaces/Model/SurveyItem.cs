namespace Orleans.Crm.Grains.Model;

/// <summary>One statement of the internal satisfaction survey and the points of each answer (seed 000: e.g. 16/8/4).</summary>
/// <param name="ItemId">The API's id of the statement.</param>
/// <param name="Chinese">The seed's wording.</param>
/// <param name="English">An English rendering.</param>
public sealed record SurveyItem(string ItemId, string Chinese, string English, int Yes, int NoAnswer, int No)
{
    /// <summary>The points of <paramref name="answer"/> (<see cref="SurveyItems.Answers"/>), or null for an unknown answer.</summary>
    public int? Points(string answer) => answer switch
    {
        SurveyItems.Yes => Yes,
        SurveyItems.NoAnswer => NoAnswer,
        SurveyItems.No => No,
        _ => null,
    };
}
