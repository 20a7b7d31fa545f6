using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The internal satisfaction survey (seed 000's appendix): a form answers every item of <see cref="SurveyItems"/> once;
/// its total is the sum of the answers' points (0–100 with the seed's weights). The survey average weighs the
/// supervisor's form against the average of the designers' forms (40 % / 60 %); with only one side answered, that side.
/// </summary>
public static class InternalSurvey
{
    /// <summary>Checks a form and scores it; throws <see cref="CrmException"/> (400) naming the field and the allowed values.</summary>
    public static ImmutableArray<SurveyItemScore> Score(IReadOnlyList<SurveyItemAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            var item = SurveyItems.Find(answer.ItemId ?? "")
                ?? throw CrmException.Invalid("answers", $"Unknown survey item '{answer.ItemId}': use one of {string.Join(", ", SurveyItems.Ids)}.");
            if (!seen.Add(item.ItemId))
            {
                throw CrmException.Invalid($"answers.{item.ItemId}", $"Item '{item.ItemId}' is answered twice.");
            }

            if (item.Points(answer.Answer ?? "") is null)
            {
                throw CrmException.Invalid($"answers.{item.ItemId}", $"The answer '{answer.Answer}' is not allowed: use one of {string.Join(", ", SurveyItems.Answers)}.");
            }
        }

        var missing = SurveyItems.Ids.Where(id => !seen.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            throw CrmException.Invalid("answers", $"Every item must be answered; missing: {string.Join(", ", missing)} (answers: {string.Join(", ", SurveyItems.Answers)}).");
        }

        var byId = answers.ToDictionary(a => a.ItemId, a => a.Answer, StringComparer.Ordinal);
        return [.. SurveyItems.All.Select(i => new SurveyItemScore(i.ItemId, byId[i.ItemId], i.Points(byId[i.ItemId])!.Value))];
    }

    /// <summary>
    /// The survey average: <paramref name="supervisorWeight"/> × the supervisor's total + the rest × the designers'
    /// average (several supervisors' forms are averaged first); one side alone when the other did not answer; null when nobody did.
    /// </summary>
    public static decimal? Average(decimal? supervisor, IReadOnlyCollection<int> designers, decimal supervisorWeight)
    {
        ArgumentNullException.ThrowIfNull(designers);
        decimal? designersAverage = designers.Count == 0 ? null : (decimal)designers.Sum() / designers.Count;
        return (supervisor, designersAverage) switch
        {
            (decimal s, decimal d) => (supervisorWeight * s) + ((1 - supervisorWeight) * d),
            (decimal s, null) => s,
            (null, decimal d) => d,
            _ => null,
        };
    }
}
