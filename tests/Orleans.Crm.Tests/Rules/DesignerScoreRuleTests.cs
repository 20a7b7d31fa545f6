using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>
/// The designer's half-month score term by term against hand-computed examples with the default weights (README,
/// "Designer evaluations"): 15 measurement, 15 deposit, 20 signing, 10 cycle (target 30 days, −0.5 a day over), 20 output
/// (target 200,000), 15 site satisfaction, 5 phoned own customers; +2 a return customer; −2 lost, −3 refusal, −3 missed
/// duty, −5 change request, −5 dispute, −2 per fixed deduction.
/// </summary>
public class DesignerScoreRuleTests
{
    private static readonly DesignerScoreWeights Weights = DesignerScoreWeights.Default;

    private static decimal Points(DesignerPeriodFacts facts, string item) =>
        DesignerScoreRule.Score(facts, Weights).Items.Single(i => i.Item == item).Points;

    [Theory]
    [InlineData(3, 4, 11.25)] // 15 × 3/4
    [InlineData(4, 4, 15)]
    [InlineData(5, 4, 15)] // a lead dispatched last period measured in this one: the rate stops at 100 %
    [InlineData(0, 4, 0)]
    [InlineData(2, 0, 0)] // nothing dispatched: no rate
    public void MeasurementIsItsWeightTimesTheRateCappedAtOneHundredPercent(int measured, int dispatched, decimal expected)
    {
        Assert.Equal(expected, Points(new DesignerPeriodFacts(Dispatched: dispatched, Measured: measured), DesignerScoreRule.Measurement));
    }

    [Fact]
    public void DepositAndSigningRatesCountAgainstDispatchedLeads()
    {
        var facts = new DesignerPeriodFacts(Dispatched: 4, Deposits: 1, Contracts: 3);

        Assert.Equal(3.75m, Points(facts, DesignerScoreRule.Deposit)); // 15 × 1/4
        Assert.Equal(15m, Points(facts, DesignerScoreRule.Signing)); // 20 × 3/4
    }

    [Fact]
    public void ARateIsRoundedToTwoDecimalsHalfAwayFromZero()
    {
        // 15 × 1/3 = 4.999… → 5.00; 20 × 2/3 = 13.333… → 13.33
        Assert.Equal(5m, Points(new DesignerPeriodFacts(Dispatched: 3, Measured: 1), DesignerScoreRule.Measurement));
        Assert.Equal(13.33m, Points(new DesignerPeriodFacts(Dispatched: 3, Contracts: 2), DesignerScoreRule.Signing));
    }

    [Theory]
    [InlineData(new[] { 20.0, 40.0 }, 10)] // average exactly the 30-day target: full points
    [InlineData(new[] { 31.0 }, 9.5)] // one day over: −0.5
    [InlineData(new[] { 30.04 }, 10)] // 30.04 rounds to 30.0 days
    [InlineData(new[] { 50.0 }, 0)] // 20 days over: 10 − 10
    [InlineData(new[] { 90.0 }, 0)] // never below 0
    public void TheSigningCycleEarnsFullPointsUpToTheTargetAndLosesHalfAPointADayOver(double[] days, decimal expected)
    {
        var facts = new DesignerPeriodFacts(Contracts: days.Length, CycleDays: [.. days.Select(d => (decimal)d)]);

        Assert.Equal(expected, Points(facts, DesignerScoreRule.Cycle));
    }

    [Fact]
    public void NoContractEarnsNoCyclePoints()
    {
        var item = DesignerScoreRule.Score(new DesignerPeriodFacts(Dispatched: 2), Weights).Items.Single(i => i.Item == DesignerScoreRule.Cycle);

        Assert.Equal((0m, "no contract"), (item.Points, item.Input));
    }

    [Theory]
    [InlineData(150_000, 15)] // 20 × 150,000 / 200,000
    [InlineData(200_000, 20)]
    [InlineData(350_000, 20)] // at most the weight
    [InlineData(0, 0)]
    public void OutputEarnsItsShareOfTheTarget(decimal output, decimal expected)
    {
        Assert.Equal(expected, Points(new DesignerPeriodFacts(Contracts: 1, Output: output), DesignerScoreRule.Output));
    }

    [Fact]
    public void SiteSatisfactionAndPhoningOwnCustomersComeFromTheSupervisorsFacts()
    {
        var entered = new DesignerPeriodFacts(Entered: new DesignerFacts(SiteSatisfaction: 80, PhonedOwnCustomers: true));
        var notEntered = new DesignerPeriodFacts();
        var no = new DesignerPeriodFacts(Entered: new DesignerFacts(SiteSatisfaction: 100, PhonedOwnCustomers: false));

        Assert.Equal(12m, Points(entered, DesignerScoreRule.SiteSatisfaction)); // 15 × 80 %
        Assert.Equal(5m, Points(entered, DesignerScoreRule.PhonedOwnCustomers));
        Assert.Equal(0m, Points(notEntered, DesignerScoreRule.SiteSatisfaction));
        Assert.Equal(0m, Points(notEntered, DesignerScoreRule.PhonedOwnCustomers));
        Assert.Equal(15m, Points(no, DesignerScoreRule.SiteSatisfaction));
        Assert.Equal(0m, Points(no, DesignerScoreRule.PhonedOwnCustomers));
    }

    [Fact]
    public void BonusAndDeductionsArePerOccurrence()
    {
        var facts = new DesignerPeriodFacts(
            ReturnCustomers: 2,
            LostLeads: 3,
            Refusals: 1,
            Entered: new DesignerFacts(ChangeRequests: 1, Disputes: 2, MissedDuty: 2, AbsenceNotLogged: 1, GamesAtWork: 1, PhoneInMeetings: 0, MissedReview: 1, LateEarlyAbsent: 2));

        Assert.Equal(4m, Points(facts, DesignerScoreRule.ReturnCustomers));
        Assert.Equal(-6m, Points(facts, DesignerScoreRule.LostLeads));
        Assert.Equal(-3m, Points(facts, DesignerScoreRule.Refusals));
        Assert.Equal(-6m, Points(facts, DesignerScoreRule.MissedDuty));
        Assert.Equal(-5m, Points(facts, DesignerScoreRule.ChangeRequests));
        Assert.Equal(-10m, Points(facts, DesignerScoreRule.Disputes));
        Assert.Equal(-10m, Points(facts, DesignerScoreRule.FixedDeductions)); // 5 occurrences × 2
    }

    [Fact]
    public void TheTotalIsTheSumOfEveryTermOfAHandComputedHalfMonth()
    {
        // 4 dispatched, 3 measured, 2 deposits, 1 contract of 120,000 signed 36 days after its dispatch, 1 return
        // customer, 1 lost lead; the supervisor entered 90 % satisfaction, phoned: yes, 1 late arrival.
        var facts = new DesignerPeriodFacts(4, 3, 2, 1, 120_000, [36m], ReturnCustomers: 1, LostLeads: 1,
            Entered: new DesignerFacts(SiteSatisfaction: 90, PhonedOwnCustomers: true, LateEarlyAbsent: 1));

        var score = DesignerScoreRule.Score(facts, Weights);

        // measurement 15 × 3/4 = 11.25, deposit 15 × 2/4 = 7.5, signing 20 × 1/4 = 5, cycle 10 − 6 × 0.5 = 7,
        // output 20 × 120,000/200,000 = 12, satisfaction 15 × 90 % = 13.5, phoned 5, return +2, lost −2, late −2 = 59.25
        Assert.Equal(59.25m, score.Total);
        Assert.Equal(score.Items.Sum(i => i.Points), score.Total);
        Assert.Equal(14, score.Items.Length);
    }

    [Fact]
    public void WeightsAreConfiguration()
    {
        var weights = Weights with { Measurement = 30, Refusal = 10 };
        var facts = new DesignerPeriodFacts(Dispatched: 2, Measured: 1, Refusals: 2);

        var items = DesignerScoreRule.Score(facts, weights).Items;

        Assert.Equal(15m, items.Single(i => i.Item == DesignerScoreRule.Measurement).Points);
        Assert.Equal(-20m, items.Single(i => i.Item == DesignerScoreRule.Refusals).Points);
    }
}
