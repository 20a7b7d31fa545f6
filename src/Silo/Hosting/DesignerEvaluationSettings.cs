using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// The designers' evaluation numbers, bound from the <c>Rules</c> section next to <see cref="RulesSettings"/>:
/// <c>Rules:DesignerScore:*</c>, <c>Rules:Ranking:RunAt</c>, <c>Rules:Grade:*</c>, <c>Rules:DesignFee:*</c>. Omitted keys
/// keep the defaults (README, "Designer evaluations").
/// </summary>
public sealed class DesignerEvaluationSettings : IValidatableObject
{
    public DesignerScoreSettings DesignerScore { get; set; } = new();

    public RankingSettings Ranking { get; set; } = new();

    public GradeSettings Grade { get; set; } = new();

    public DesignFeeSettings DesignFee { get; set; } = new();

    /// <summary>The options the grains use.</summary>
    public DesignerEvaluationOptions ToOptions()
    {
        var w = DesignerScoreWeights.Default;
        var s = DesignerScore;
        return new DesignerEvaluationOptions
        {
            Score = new DesignerScoreWeights(
                s.Measurement ?? w.Measurement,
                s.Deposit ?? w.Deposit,
                s.Signing ?? w.Signing,
                s.Cycle ?? w.Cycle,
                s.CycleTargetDays ?? w.CycleTargetDays,
                s.CyclePenaltyPerDay ?? w.CyclePenaltyPerDay,
                s.Output ?? w.Output,
                s.OutputTarget ?? w.OutputTarget,
                s.SiteSatisfaction ?? w.SiteSatisfaction,
                s.PhonedOwnCustomers ?? w.PhonedOwnCustomers,
                s.ReturnCustomer ?? w.ReturnCustomer,
                s.LostLead ?? w.LostLead,
                s.Refusal ?? w.Refusal,
                s.MissedDuty ?? w.MissedDuty,
                s.ChangeRequest ?? w.ChangeRequest,
                s.Dispute ?? w.Dispute,
                s.FixedDeduction ?? w.FixedDeduction),
            RankingRunAt = ParseTime(Ranking.RunAt) ?? RankingSchedule.DefaultRunAt,
            Grades = new GradeRule(Grade.ExcellentFrom ?? GradeRule.Default.ExcellentFrom, Grade.ExpertFrom ?? GradeRule.Default.ExpertFrom),
            DesignFees = new DesignFeeRates(
                DesignFee.Ordinary ?? DesignFeeRates.Default.Ordinary,
                DesignFee.Excellent ?? DesignFeeRates.Default.Excellent,
                DesignFee.Expert ?? DesignFeeRates.Default.Expert),
        };
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var property in typeof(DesignerScoreSettings).GetProperties())
        {
            if (property.GetValue(DesignerScore) is decimal value && value is < 0 or > 1_000_000_000)
            {
                yield return new ValidationResult($"Rules:DesignerScore:{property.Name} must be between 0 and 1000000000 (deductions are written as positive numbers).", [$"DesignerScore:{property.Name}"]);
            }
        }

        if (Ranking.RunAt is not null && ParseTime(Ranking.RunAt) is null)
        {
            yield return new ValidationResult($"Rules:Ranking:RunAt '{Ranking.RunAt}' is not a time of day written HH:mm (default 22:00).", ["Ranking:RunAt"]);
        }

        var excellent = Grade.ExcellentFrom ?? GradeRule.Default.ExcellentFrom;
        var expert = Grade.ExpertFrom ?? GradeRule.Default.ExpertFrom;
        if (excellent > expert)
        {
            yield return new ValidationResult($"Rules:Grade:ExcellentFrom ({excellent}) must not be above Rules:Grade:ExpertFrom ({expert}).", ["Grade:ExcellentFrom"]);
        }

        foreach (var (name, rate) in new[] { ("Ordinary", DesignFee.Ordinary), ("Excellent", DesignFee.Excellent), ("Expert", DesignFee.Expert) })
        {
            if (rate is < 0 or > 100_000)
            {
                yield return new ValidationResult($"Rules:DesignFee:{name} must be between 0 and 100000 (yuan per square metre).", [$"DesignFee:{name}"]);
            }
        }
    }

    private static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}

/// <summary><c>Rules:DesignerScore:*</c> (see <see cref="DesignerScoreWeights"/> for each item).</summary>
public sealed class DesignerScoreSettings
{
    public decimal? Measurement { get; set; }

    public decimal? Deposit { get; set; }

    public decimal? Signing { get; set; }

    public decimal? Cycle { get; set; }

    public decimal? CycleTargetDays { get; set; }

    public decimal? CyclePenaltyPerDay { get; set; }

    public decimal? Output { get; set; }

    public decimal? OutputTarget { get; set; }

    public decimal? SiteSatisfaction { get; set; }

    public decimal? PhonedOwnCustomers { get; set; }

    public decimal? ReturnCustomer { get; set; }

    public decimal? LostLead { get; set; }

    public decimal? Refusal { get; set; }

    public decimal? MissedDuty { get; set; }

    public decimal? ChangeRequest { get; set; }

    public decimal? Dispute { get; set; }

    public decimal? FixedDeduction { get; set; }
}

/// <summary><c>Rules:Ranking:RunAt</c>: store-local time of the half-month ranking (HH:mm, default 22:00).</summary>
public sealed class RankingSettings
{
    public string? RunAt { get; set; }
}

/// <summary><c>Rules:Grade:ExcellentFrom</c> (75) and <c>Rules:Grade:ExpertFrom</c> (90): the quarter's average score for each grade.</summary>
public sealed class GradeSettings
{
    public decimal? ExcellentFrom { get; set; }

    public decimal? ExpertFrom { get; set; }
}

/// <summary><c>Rules:DesignFee:Ordinary</c> (0), <c>:Excellent</c> (30), <c>:Expert</c> (60): design fee rate by grade, yuan per m².</summary>
public sealed class DesignFeeSettings
{
    public decimal? Ordinary { get; set; }

    public decimal? Excellent { get; set; }

    public decimal? Expert { get; set; }
}
