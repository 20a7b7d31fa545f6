using System.Globalization;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The account manager's quarterly score, exactly as DOMAIN §8 (seed 000 客户经理评定) words it; every number is in
/// <see cref="ManagerScoreOptions"/>. Rates are exact percentages (a rate of 19.9 % is below 20 %, whatever rounding
/// shows); deductions are linear per percentage point below the target; each term's points are rounded to 2 decimals
/// and the total is their sum. A rate with nothing to divide by (no consultations, no invitations, no project output)
/// scores 0; callbacks with none due score full marks (nothing was missed), as the monthly callback report does.
/// </summary>
public static class ManagerScoreRules
{
    public const string Consultation = "consultation";
    public const string Satisfaction = "satisfaction";
    public const string MainMaterial = "main-material";
    public const string PhoneInvitation = "phone-invitation";
    public const string Callbacks = "callbacks";

    public const string ConsultationBonus = "consultation-bonus";
    public const string SatisfactionBonus = "satisfaction-bonus";
    public const string Quarrels = "quarrels";

    /// <summary>The terms in the seed's order.</summary>
    public static IReadOnlyList<string> Terms { get; } = [Consultation, Satisfaction, MainMaterial, PhoneInvitation, Callbacks];

    public static ManagerScoreResult Score(ManagerScoreInput input, ManagerScoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = options ?? ManagerScoreOptions.Default;
        var facts = input.Facts;

        var consultationRate = Rate(input.Signed, input.Consulted);
        var consultation = RateTerm(Consultation, o.Consultation, consultationRate, input.Signed, input.Consulted,
            consultationRate is null ? "no consultations in the quarter" : "contracts of the quarter's consultations ÷ consultations (leads received at the front desk)");

        var satisfactionMax = Round(100m * o.SatisfactionFactor);
        var satisfaction = input.SurveyAverage is { } average
            ? new ManagerScoreTerm(Satisfaction, Round(average), null, null, null, Round(average * o.SatisfactionFactor), satisfactionMax, null, null,
                $"survey average × {Percent(o.SatisfactionFactor)} % (supervisor {Percent(o.SupervisorWeight)} % + designers' average {Percent(1 - o.SupervisorWeight)} %)")
            : new ManagerScoreTerm(Satisfaction, null, null, null, null, 0m, satisfactionMax, null, null, "no internal satisfaction survey answered");

        ManagerScoreTerm mainMaterial;
        if (facts is null)
        {
            mainMaterial = Missing(MainMaterial, o.MainMaterial, "main-material sales not entered");
        }
        else
        {
            var output = facts.ProjectOutput ?? input.ContractOutput;
            var rate = Rate(facts.MainMaterialSales, output);
            mainMaterial = RateTerm(MainMaterial, o.MainMaterial, rate, facts.MainMaterialSales, output,
                rate is null ? "no project output to measure main-material sales against"
                : facts.ProjectOutput is null ? "main-material sales ÷ contract amounts of the signed consultations"
                : "main-material sales ÷ entered project output");
        }

        ManagerScoreTerm phone;
        if (facts is null)
        {
            phone = Missing(PhoneInvitation, o.PhoneInvitation, "phone invitations not entered");
        }
        else
        {
            var rate = Rate(facts.InvitedVisits, facts.PhoneInvitations);
            phone = RateTerm(PhoneInvitation, o.PhoneInvitation, rate, facts.InvitedVisits, facts.PhoneInvitations,
                rate is null ? "no phone invitations made" : "invited customers who came ÷ customers invited by phone");
        }

        var callbacks = input.CallbacksDue <= 0
            ? new ManagerScoreTerm(Callbacks, null, o.Callbacks.Target, o.Callbacks.PerPointBelow, o.Callbacks.ZeroBelow, o.Callbacks.Points, o.Callbacks.Points, 0, 0,
                "no weekly callbacks due: nothing missed")
            : RateTerm(Callbacks, o.Callbacks, Rate(input.CallbacksOnTime, input.CallbacksDue), input.CallbacksOnTime, input.CallbacksDue,
                "weekly in-construction callbacks done on time ÷ due in the quarter");

        var consultationBonus = consultationRate is { } c && c >= o.ConsultationBonusAt;
        var satisfactionBonus = input.SurveyAverage is { } s && s >= o.SatisfactionBonusAt;
        var quarrels = facts?.Quarrels ?? 0;
        ImmutableArray<ManagerScoreAdjustment> adjustments =
        [
            new(ConsultationBonus, consultationBonus, consultationBonus ? o.ConsultationBonus : 0m, $"+{Number(o.ConsultationBonus)} if consultation success ≥ {Number(o.ConsultationBonusAt)} %"),
            new(SatisfactionBonus, satisfactionBonus, satisfactionBonus ? o.SatisfactionBonus : 0m, $"+{Number(o.SatisfactionBonus)} if internal satisfaction ≥ {Number(o.SatisfactionBonusAt)}"),
            new(Quarrels, quarrels > 0, -o.QuarrelPenalty * quarrels, $"−{Number(o.QuarrelPenalty)} per recorded quarrel ({quarrels})"),
        ];

        ImmutableArray<ManagerScoreTerm> terms = [consultation, satisfaction, mainMaterial, phone, callbacks];
        var total = terms.Sum(t => t.Points) + adjustments.Sum(a => a.Points);
        return new ManagerScoreResult(terms, adjustments, total, total >= o.ExcellentAt);
    }

    /// <summary>The exact percentage <paramref name="part"/> ÷ <paramref name="whole"/> × 100, or null when the whole is 0.</summary>
    public static decimal? Rate(decimal part, decimal whole) => whole <= 0 ? null : 100m * part / whole;

    private static ManagerScoreTerm RateTerm(string name, ScoreTerm term, decimal? rate, decimal numerator, decimal denominator, string basis) =>
        new(name, rate is { } r ? Round(r) : null, term.Target, term.PerPointBelow, term.ZeroBelow, rate is { } x ? term.Score(x) : 0m, term.Points, numerator, denominator, basis);

    private static ManagerScoreTerm Missing(string name, ScoreTerm term, string basis) =>
        new(name, null, term.Target, term.PerPointBelow, term.ZeroBelow, 0m, term.Points, null, null, basis);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string Percent(decimal fraction) => Number(100m * fraction);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
