using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// The <c>Rules:ManagerScore</c> section: the account manager's quarterly score (DOMAIN §8). Omitted keys keep the seed's
/// numbers (<see cref="ManagerScoreOptions"/>).
/// </summary>
public sealed class ManagerScoreSettings
{
    /// <summary>Consultation success; default 35 points, target 40 %, −1 per point below.</summary>
    public ScoreTermSettings Consultation { get; set; } = new();

    /// <summary>Department satisfaction points = survey average × this; default 0.15.</summary>
    public decimal? SatisfactionFactor { get; set; }

    /// <summary>The supervisor's weight in the survey average; default 0.4 (designers' average 0.6).</summary>
    public decimal? SupervisorWeight { get; set; }

    /// <summary>Main-material sales; default 30 points, target 50 %, −1 per point below, 0 below 20 %.</summary>
    public ScoreTermSettings MainMaterial { get; set; } = new();

    /// <summary>Phone invitation success; default 10 points, target 15 %, −2 per point below.</summary>
    public ScoreTermSettings PhoneInvitation { get; set; } = new();

    /// <summary>In-construction callbacks; default 10 points, target 100 %, −2 per point below.</summary>
    public ScoreTermSettings Callbacks { get; set; } = new();

    /// <summary>Consultation success (%) for the bonus; default 60.</summary>
    public decimal? ConsultationBonusAt { get; set; }

    /// <summary>The consultation bonus; default 10.</summary>
    public decimal? ConsultationBonus { get; set; }

    /// <summary>Internal satisfaction for the bonus; default 95.</summary>
    public decimal? SatisfactionBonusAt { get; set; }

    /// <summary>The satisfaction bonus; default 3.</summary>
    public decimal? SatisfactionBonus { get; set; }

    /// <summary>Points per recorded quarrel; default 5.</summary>
    public decimal? QuarrelPenalty { get; set; }

    /// <summary>Total for "excellent"; default 85.</summary>
    public decimal? ExcellentAt { get; set; }

    /// <summary>The half year's last-ranked manager is flagged unless above this; default 70.</summary>
    public decimal? HalfYearKeepAbove { get; set; }

    /// <summary>The options the rules use.</summary>
    public ManagerScoreOptions ToOptions()
    {
        var d = ManagerScoreOptions.Default;
        return new ManagerScoreOptions
        {
            Consultation = Consultation.ToTerm(d.Consultation),
            SatisfactionFactor = SatisfactionFactor ?? d.SatisfactionFactor,
            SupervisorWeight = SupervisorWeight ?? d.SupervisorWeight,
            MainMaterial = MainMaterial.ToTerm(d.MainMaterial),
            PhoneInvitation = PhoneInvitation.ToTerm(d.PhoneInvitation),
            Callbacks = Callbacks.ToTerm(d.Callbacks),
            ConsultationBonusAt = ConsultationBonusAt ?? d.ConsultationBonusAt,
            ConsultationBonus = ConsultationBonus ?? d.ConsultationBonus,
            SatisfactionBonusAt = SatisfactionBonusAt ?? d.SatisfactionBonusAt,
            SatisfactionBonus = SatisfactionBonus ?? d.SatisfactionBonus,
            QuarrelPenalty = QuarrelPenalty ?? d.QuarrelPenalty,
            ExcellentAt = ExcellentAt ?? d.ExcellentAt,
            HalfYearKeepAbove = HalfYearKeepAbove ?? d.HalfYearKeepAbove,
        };
    }

    /// <summary>What is wrong with the section (named by its keys), nothing when it is valid.</summary>
    public IEnumerable<ValidationResult> Validate()
    {
        const string prefix = "ManagerScore:";
        var d = ManagerScoreOptions.Default;
        foreach (var (name, term, fallback) in new[] { ("Consultation", Consultation, d.Consultation), ("MainMaterial", MainMaterial, d.MainMaterial), ("PhoneInvitation", PhoneInvitation, d.PhoneInvitation), ("Callbacks", Callbacks, d.Callbacks) })
        {
            if (!term.ToTerm(fallback).IsValid)
            {
                yield return new ValidationResult(
                    $"Rules:{prefix}{name} must have Points 0-1000, Target above 0 up to 100 (%), PerPointBelow 0-100 and ZeroBelow 0-100 (%).", [prefix + name]);
            }
        }

        foreach (var (name, value) in new[] { ("SatisfactionFactor", SatisfactionFactor), ("SupervisorWeight", SupervisorWeight) })
        {
            if (value is < 0 or > 1)
            {
                yield return new ValidationResult($"Rules:{prefix}{name} must be a fraction between 0 and 1.", [prefix + name]);
            }
        }

        foreach (var (name, value) in new[]
        {
            ("ConsultationBonusAt", ConsultationBonusAt), ("SatisfactionBonusAt", SatisfactionBonusAt), ("ConsultationBonus", ConsultationBonus),
            ("SatisfactionBonus", SatisfactionBonus), ("QuarrelPenalty", QuarrelPenalty), ("ExcellentAt", ExcellentAt), ("HalfYearKeepAbove", HalfYearKeepAbove),
        })
        {
            if (value is < 0 or > 200)
            {
                yield return new ValidationResult($"Rules:{prefix}{name} must be between 0 and 200.", [prefix + name]);
            }
        }
    }
}
