using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The quarterly grade (季度级别评定) from the average of the designer's half-month scores in the quarter
/// (<c>Rules:Grade:ExcellentFrom</c>, <c>Rules:Grade:ExpertFrom</c>; at or above the threshold earns the grade).
/// </summary>
public sealed record GradeRule(decimal ExcellentFrom = 75, decimal ExpertFrom = 90)
{
    public static GradeRule Default { get; } = new();

    public DesignerGrade GradeOf(decimal averageScore) =>
        averageScore >= ExpertFrom ? DesignerGrade.Expert
        : averageScore >= ExcellentFrom ? DesignerGrade.Excellent
        : DesignerGrade.Ordinary;

    /// <summary>The quarter's average of the scores the designer has (null: no score, the grade stays as it is).</summary>
    public static decimal? Average(IEnumerable<decimal> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 2, MidpointRounding.AwayFromZero);
    }
}
