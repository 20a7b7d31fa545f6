namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// 有界限的末位淘汰 (seed 000): every half year the managers of a store are ranked by their half-year score (the average of
/// the half's two quarterly totals); the last-ranked one stays only with a score above the keep threshold (70, not
/// included), otherwise they are flagged. Ties share a rank (1, 2, 2, 4); every manager tied for last is last-ranked.
/// </summary>
public static class HalfYearRanking
{
    public static IReadOnlyDictionary<string, (int Rank, int Of, bool LastRanked, bool Flagged)> Rank(IReadOnlyDictionary<string, decimal> scores, decimal keepAbove)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var result = new Dictionary<string, (int, int, bool, bool)>(StringComparer.Ordinal);
        if (scores.Count == 0)
        {
            return result;
        }

        var lowest = scores.Values.Min();
        foreach (var (managerId, score) in scores)
        {
            var rank = 1 + scores.Values.Count(other => other > score);
            var last = score == lowest;
            result[managerId] = (rank, scores.Count, last, last && score <= keepAbove);
        }

        return result;
    }

    /// <summary>The half-year score: the average of the quarters' totals, rounded to 2 decimals.</summary>
    public static decimal HalfYearScore(decimal first, decimal second) => Math.Round((first + second) / 2, 2, MidpointRounding.AwayFromZero);
}
