using System.Globalization;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The designer's half-month score (设计师评定, DOMAIN §8 / seed 000) from the period's facts and the configured
/// weights: the absolute items (rates, cycle, output, site satisfaction, phoning their own customers), the return
/// customers' bonus, and the deductions. Every term is listed with its inputs, so a ranking can be explained.
/// </summary>
public static class DesignerScoreRule
{
    /// <summary>Item codes, in the order the terms are listed.</summary>
    public const string Measurement = "measurement";
    public const string Deposit = "deposit";
    public const string Signing = "signing";
    public const string Cycle = "cycle";
    public const string Output = "output";
    public const string SiteSatisfaction = "site-satisfaction";
    public const string PhonedOwnCustomers = "phoned-own-customers";
    public const string ReturnCustomers = "return-customers";
    public const string LostLeads = "lost-leads";
    public const string Refusals = "refusals";
    public const string MissedDuty = "missed-duty";
    public const string ChangeRequests = "change-requests";
    public const string Disputes = "disputes";
    public const string FixedDeductions = "fixed-deductions";

    public static DesignerScore Score(DesignerPeriodFacts facts, DesignerScoreWeights weights)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(weights);
        var entered = facts.Entered ?? new DesignerFacts();
        var items = new List<ScoreItem>
        {
            RateItem(Measurement, facts.Measured, facts.Dispatched, weights.Measurement),
            RateItem(Deposit, facts.Deposits, facts.Dispatched, weights.Deposit),
            RateItem(Signing, facts.Contracts, facts.Dispatched, weights.Signing),
            CycleItem(facts.Cycles, weights),
            OutputItem(facts.Output, weights),
            entered.SiteSatisfaction is { } satisfaction
                ? new ScoreItem(SiteSatisfaction, $"{satisfaction} %", Round(weights.SiteSatisfaction * Math.Clamp(satisfaction, 0, 100) / 100m))
                : new ScoreItem(SiteSatisfaction, "not entered", 0),
            new ScoreItem(PhonedOwnCustomers, entered.PhonedOwnCustomers switch { true => "yes", false => "no", null => "not entered" }, entered.PhonedOwnCustomers == true ? Round(weights.PhonedOwnCustomers) : 0),
            PerCount(ReturnCustomers, facts.ReturnCustomers, weights.ReturnCustomer),
            PerCount(LostLeads, facts.LostLeads, -weights.LostLead),
            PerCount(Refusals, facts.Refusals, -weights.Refusal),
            PerCount(MissedDuty, entered.MissedDuty, -weights.MissedDuty),
            PerCount(ChangeRequests, entered.ChangeRequests, -weights.ChangeRequest),
            PerCount(Disputes, entered.Disputes, -weights.Dispute),
            new ScoreItem(
                FixedDeductions,
                $"{entered.FixedDeductions} × {Number(weights.FixedDeduction)} (absence not logged {entered.AbsenceNotLogged}, games {entered.GamesAtWork}, phone in meetings {entered.PhoneInMeetings}, missed review {entered.MissedReview}, late/early/absent {entered.LateEarlyAbsent})",
                Round(-weights.FixedDeduction * entered.FixedDeductions)),
        };
        return new DesignerScore(items.Sum(i => i.Points), [.. items]);
    }

    /// <summary>count ÷ dispatched, at most 100 % (a lead dispatched last period may be measured in this one); 0 with nothing dispatched.</summary>
    public static decimal Rate(int count, int dispatched) =>
        dispatched <= 0 ? 0 : Math.Min(1m, (decimal)count / dispatched);

    private static ScoreItem RateItem(string item, int count, int dispatched, decimal weight)
    {
        var rate = Rate(count, dispatched);
        return new ScoreItem(item, $"{count} of {dispatched} dispatched ({Number(Math.Round(rate * 100, 1, MidpointRounding.AwayFromZero))} %)", Round(weight * rate));
    }

    private static ScoreItem CycleItem(ImmutableArray<decimal> cycles, DesignerScoreWeights weights)
    {
        if (cycles.Length == 0)
        {
            return new ScoreItem(Cycle, "no contract", 0);
        }

        var average = Math.Round(cycles.Average(), 1, MidpointRounding.AwayFromZero);
        var over = Math.Max(0, average - weights.CycleTargetDays);
        var points = Math.Max(0, weights.Cycle - (over * weights.CyclePenaltyPerDay));
        return new ScoreItem(Cycle, $"{Number(average)} days on average over {cycles.Length} contract(s), target {Number(weights.CycleTargetDays)}", Round(points));
    }

    private static ScoreItem OutputItem(decimal output, DesignerScoreWeights weights)
    {
        var share = weights.OutputTarget <= 0 ? 0 : Math.Min(1m, Math.Max(0, output) / weights.OutputTarget);
        return new ScoreItem(Output, $"{Number(output)} of target {Number(weights.OutputTarget)}", Round(weights.Output * share));
    }

    private static ScoreItem PerCount(string item, int count, decimal perOccurrence) =>
        new(item, $"{count} × {Number(perOccurrence)}", Round(count * perOccurrence));

    private static decimal Round(decimal value)
    {
        // No "-0" in answers: a deduction of nothing is 0.
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0m : rounded;
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
