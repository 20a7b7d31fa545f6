using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains;

/// <summary>
/// The designers' evaluation numbers (issue 13): the half-month score's weights (<c>Rules:DesignerScore:*</c>), when the
/// ranking runs (<c>Rules:Ranking:RunAt</c>), the quarterly grade's thresholds (<c>Rules:Grade:*</c>) and the design
/// fee rates by grade (<c>Rules:DesignFee:*</c>). Kept apart from <see cref="RulesOptions"/>: only the store's ranking,
/// dispatch and the ranking report read them.
/// </summary>
public sealed class DesignerEvaluationOptions
{
    public DesignerScoreWeights Score { get; init; } = DesignerScoreWeights.Default;

    /// <summary>Store-local time of day on the 15th and the month's last day when the store's sweep ranks its designers.</summary>
    public TimeOnly RankingRunAt { get; init; } = RankingSchedule.DefaultRunAt;

    public GradeRule Grades { get; init; } = GradeRule.Default;

    public DesignFeeRates DesignFees { get; init; } = DesignFeeRates.Default;
}
