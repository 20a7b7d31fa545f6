using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>
/// The account manager's quarterly score (DOMAIN §8, seed 000 客户经理评定) term by term, against examples computed by hand
/// from the seed's formula: 35 consultation (40 %, −1/pt, min 0) + 15 satisfaction (survey × 15 %) + 30 main-material
/// (50 %, −1/pt, 0 below 20 %) + 10 phone invitations (15 %, −2/pt) + 10 callbacks (100 %, −2/pt); +10 at ≥ 60 %
/// consultation, +3 at satisfaction ≥ 95, −5 per quarrel; ≥ 85 excellent.
/// </summary>
public sealed class ManagerScoreRulesTests
{
    /// <summary>Everything at target, satisfaction 80, nothing due, no facts beyond the target rates.</summary>
    private static ManagerScoreInput AtTarget(
        int consulted = 10, int signed = 4, decimal contractOutput = 1_000_000m, int callbacksDue = 0, int callbacksOnTime = 0, decimal? survey = 80m,
        decimal mainMaterial = 500_000m, decimal? projectOutput = null, int invitations = 20, int visits = 3, int quarrels = 0) =>
        new(consulted, signed, contractOutput, callbacksDue, callbacksOnTime, survey, new ManagerFacts(mainMaterial, projectOutput, invitations, visits, quarrels));

    private static decimal Points(ManagerScoreInput input, string term, ManagerScoreOptions? options = null) => ManagerScoreRules.Score(input, options).Term(term).Points;

    [Fact]
    public void AWorkedExampleAddsTheFiveTermsTheBonusesAndTheQuarrelsAsTheSeedComputesThem()
    {
        // 20 of 50 consultations signed (40 %: 35); survey: supervisor 92, designers 100/96/88/100 (average 96) →
        // 0.4·92 + 0.6·96 = 94.4 → 14.16, no bonus (< 95); main material 450,000 of 1,000,000 (45 %: 30 − 5 = 25);
        // 5 of 40 invited came (12.5 %: 10 − 2·2.5 = 5); 19 of 20 callbacks on time (95 %: 10 − 2·5 = 0); one quarrel (−5).
        var survey = InternalSurvey.Average(92, [100, 96, 88, 100], ManagerScoreOptions.Default.SupervisorWeight);
        var input = new ManagerScoreInput(50, 20, 1_000_000m, 20, 19, survey, new ManagerFacts(450_000m, null, 40, 5, 1));

        var score = ManagerScoreRules.Score(input);

        Assert.Equal(94.4m, survey);
        Assert.Equal(
            [(ManagerScoreRules.Consultation, 35m), (ManagerScoreRules.Satisfaction, 14.16m), (ManagerScoreRules.MainMaterial, 25m), (ManagerScoreRules.PhoneInvitation, 5m), (ManagerScoreRules.Callbacks, 0m)],
            score.Terms.Select(t => (t.Term, t.Points)));
        Assert.Equal([0m, 0m, -5m], score.Adjustments.Select(a => a.Points));
        Assert.Equal(74.16m, score.Total);
        Assert.False(score.Excellent);
        var consultation = score.Term(ManagerScoreRules.Consultation);
        Assert.Equal((40m, 20m, 50m, 35m, 40m), (consultation.Rate!.Value, consultation.Numerator!.Value, consultation.Denominator!.Value, consultation.MaxPoints, consultation.Target!.Value));
        Assert.Equal((45m, 450_000m, 1_000_000m), (score.Term(ManagerScoreRules.MainMaterial).Rate!.Value, score.Term(ManagerScoreRules.MainMaterial).Numerator!.Value, score.Term(ManagerScoreRules.MainMaterial).Denominator!.Value));
    }

    [Theory]
    [InlineData(4, 10, 35)] // exactly 40 %: full marks
    [InlineData(39, 100, 34)] // 1 point below: −1
    [InlineData(79, 200, 34.5)] // 39.5 %: half a point below costs half a point
    [InlineData(9, 10, 35)] // above target: no more than the term's 35
    [InlineData(5, 100, 0)] // 35 points below: 0
    [InlineData(1, 100, 0)] // further below: still 0, never negative
    [InlineData(0, 10, 0)]
    public void ConsultationSuccessScores35AtTheTargetOf40PercentLessOnePerPointBelowNeverBelowZero(int signed, int consulted, double expected)
    {
        Assert.Equal((decimal)expected, Points(AtTarget(consulted: consulted, signed: signed), ManagerScoreRules.Consultation));
    }

    [Fact]
    public void NoConsultationsScoreNothingAndShowNoRate()
    {
        var term = ManagerScoreRules.Score(AtTarget(consulted: 0, signed: 0)).Term(ManagerScoreRules.Consultation);

        Assert.Equal((0m, (decimal?)null, 0m), (term.Points, term.Rate, term.Denominator!.Value));
        Assert.Contains("no consultations", term.Basis, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, 10, true, 10)] // exactly 60 %: the bonus applies
    [InlineData(59, 100, false, 0)]
    [InlineData(7, 10, true, 10)]
    public void TheConsultationBonusOf10AppliesFrom60Percent(int signed, int consulted, bool applies, double points)
    {
        var bonus = ManagerScoreRules.Score(AtTarget(consulted: consulted, signed: signed)).Adjustment(ManagerScoreRules.ConsultationBonus);

        Assert.Equal((applies, (decimal)points), (bonus.Applies, bonus.Points));
    }

    [Theory]
    [InlineData(100, 15)]
    [InlineData(80, 12)]
    [InlineData(94.4, 14.16)]
    [InlineData(0, 0)]
    public void DepartmentSatisfactionIsTheSurveyAverageTimes15Percent(double average, double expected)
    {
        Assert.Equal((decimal)expected, Points(AtTarget(survey: (decimal)average), ManagerScoreRules.Satisfaction));
    }

    [Fact]
    public void WithoutAnySurveyFormSatisfactionScoresNothingAndEarnsNoBonus()
    {
        var score = ManagerScoreRules.Score(AtTarget(survey: null));

        Assert.Equal((0m, (decimal?)null), (score.Term(ManagerScoreRules.Satisfaction).Points, score.Term(ManagerScoreRules.Satisfaction).Rate));
        Assert.False(score.Adjustment(ManagerScoreRules.SatisfactionBonus).Applies);
    }

    [Theory]
    [InlineData(95, true)] // exactly 95: +3 (达95分以上)
    [InlineData(94.99, false)]
    [InlineData(100, true)]
    public void TheSatisfactionBonusOf3AppliesFromAnInternalSatisfactionOf95(double average, bool applies)
    {
        var bonus = ManagerScoreRules.Score(AtTarget(survey: (decimal)average)).Adjustment(ManagerScoreRules.SatisfactionBonus);

        Assert.Equal((applies, applies ? 3m : 0m), (bonus.Applies, bonus.Points));
    }

    [Theory]
    [InlineData(500_000, 30)] // exactly 50 %
    [InlineData(490_000, 29)] // 49 %: −1
    [InlineData(210_000, 1)] // 21 %: 30 − 29
    [InlineData(200_000, 0)] // exactly 20 %: the formula gives 30 − 30 = 0
    [InlineData(199_000, 0)] // 19.9 %: below 20 %, 0
    [InlineData(0, 0)]
    [InlineData(800_000, 30)] // above target: at most 30
    public void MainMaterialSalesScore30AtTheTargetOf50PercentLessOnePerPointBelowAndNothingBelow20Percent(double sales, double expected)
    {
        Assert.Equal((decimal)expected, Points(AtTarget(mainMaterial: (decimal)sales, contractOutput: 1_000_000m), ManagerScoreRules.MainMaterial));
    }

    [Fact]
    public void TheMainMaterialFloorCutsToZeroBelow20PercentEvenWhenTheFormulaWouldStillGivePoints()
    {
        // With a target of 40 % the formula gives 30 − 20 = 10 at 20 % and 9.9 at 19.9 %: the floor decides the latter.
        var options = new ManagerScoreOptions { MainMaterial = new ScoreTerm(30, 40, 1, ZeroBelow: 20) };

        Assert.Equal(10m, Points(AtTarget(mainMaterial: 200_000m, contractOutput: 1_000_000m), ManagerScoreRules.MainMaterial, options));
        Assert.Equal(0m, Points(AtTarget(mainMaterial: 199_000m, contractOutput: 1_000_000m), ManagerScoreRules.MainMaterial, options));
        Assert.Equal(0m, Points(AtTarget(mainMaterial: 199_999m, contractOutput: 1_000_000m), ManagerScoreRules.MainMaterial, options));
    }

    [Fact]
    public void MainMaterialIsMeasuredAgainstTheRecordedContractsUnlessAProjectOutputIsEntered()
    {
        var recorded = ManagerScoreRules.Score(AtTarget(mainMaterial: 300_000m, contractOutput: 600_000m)).Term(ManagerScoreRules.MainMaterial);
        var entered = ManagerScoreRules.Score(AtTarget(mainMaterial: 300_000m, contractOutput: 600_000m, projectOutput: 1_000_000m)).Term(ManagerScoreRules.MainMaterial);
        var nothing = ManagerScoreRules.Score(AtTarget(mainMaterial: 300_000m, contractOutput: 0m)).Term(ManagerScoreRules.MainMaterial);

        Assert.Equal((50m, 600_000m, 30m), (recorded.Rate!.Value, recorded.Denominator!.Value, recorded.Points));
        Assert.Equal((30m, 1_000_000m, 10m), (entered.Rate!.Value, entered.Denominator!.Value, entered.Points));
        Assert.Equal((0m, (decimal?)null), (nothing.Points, nothing.Rate));
    }

    [Theory]
    [InlineData(3, 20, 10)] // exactly 15 %
    [InlineData(14, 100, 8)] // 14 %: −2
    [InlineData(29, 200, 9)] // 14.5 %: −1
    [InlineData(1, 10, 0)] // 10 %: 10 − 10 = 0
    [InlineData(1, 20, 0)] // 5 %: never negative
    [InlineData(0, 0, 0)] // no invitations made
    public void PhoneInvitationSuccessScores10AtTheTargetOf15PercentLessTwoPerPointBelow(int visits, int invitations, double expected)
    {
        Assert.Equal((decimal)expected, Points(AtTarget(invitations: invitations, visits: visits), ManagerScoreRules.PhoneInvitation));
    }

    [Theory]
    [InlineData(20, 20, 10)] // 100 %
    [InlineData(99, 100, 8)] // 99 %: −2
    [InlineData(199, 200, 9)] // 99.5 %: −1
    [InlineData(19, 20, 0)] // 95 %: 10 − 10
    [InlineData(10, 20, 0)]
    [InlineData(0, 0, 10)] // none due: nothing missed
    public void InConstructionCallbacksScore10AtAllOnTimeLessTwoPerPointBelow(int onTime, int due, double expected)
    {
        Assert.Equal((decimal)expected, Points(AtTarget(callbacksDue: due, callbacksOnTime: onTime), ManagerScoreRules.Callbacks));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, -5)]
    [InlineData(3, -15)]
    public void EachRecordedQuarrelDeducts5(int quarrels, double expected)
    {
        var score = ManagerScoreRules.Score(AtTarget(quarrels: quarrels));

        Assert.Equal((decimal)expected, score.Adjustment(ManagerScoreRules.Quarrels).Points);
        Assert.Equal(score.Terms.Sum(t => t.Points) + (decimal)expected, score.Total);
    }

    [Fact]
    public void WithoutEnteredFactsMainMaterialAndPhoneInvitationsScoreNothingAndNoQuarrelIsCounted()
    {
        var score = ManagerScoreRules.Score(new ManagerScoreInput(10, 4, 1_000_000m, 0, 0, 80m, null));

        Assert.Equal(0m, score.Term(ManagerScoreRules.MainMaterial).Points);
        Assert.Equal(0m, score.Term(ManagerScoreRules.PhoneInvitation).Points);
        Assert.Contains("not entered", score.Term(ManagerScoreRules.MainMaterial).Basis, StringComparison.Ordinal);
        Assert.Equal(0m, score.Adjustment(ManagerScoreRules.Quarrels).Points);
        Assert.Equal(35m + 12m + 10m, score.Total);
    }

    [Fact]
    public void ATotalOfExactly85IsExcellentAnd84Point99IsNot()
    {
        // 35 + 12 (survey 80) + 30 + 10 + 8 (99 % callbacks) − 10 (two quarrels) = 85.
        var at85 = ManagerScoreRules.Score(AtTarget(survey: 80m, callbacksDue: 100, callbacksOnTime: 99, quarrels: 2));

        // Survey 79.94 → 11.991 → 11.99: 84.99.
        var below = ManagerScoreRules.Score(AtTarget(survey: 79.94m, callbacksDue: 100, callbacksOnTime: 99, quarrels: 2));

        Assert.Equal((85m, true), (at85.Total, at85.Excellent));
        Assert.Equal((84.99m, false), (below.Total, below.Excellent));
    }

    [Fact]
    public void TheBestQuarterScores113WithBothBonuses()
    {
        var score = ManagerScoreRules.Score(AtTarget(consulted: 10, signed: 6, survey: 100m, callbacksDue: 4, callbacksOnTime: 4));

        Assert.Equal(100m + 10m + 3m, score.Total);
        Assert.True(score.Excellent);
    }

    [Fact]
    public void ConfiguredNumbersReplaceTheSeedsDefaults()
    {
        var options = new ManagerScoreOptions { Consultation = new ScoreTerm(35, 30, 2), ConsultationBonusAt = 50, ExcellentAt = 90, QuarrelPenalty = 2 };

        var score = ManagerScoreRules.Score(AtTarget(consulted: 100, signed: 25, quarrels: 1), options);

        // 25 % against a 30 % target at −2 per point: 35 − 10 = 25; no bonus below 50 %; one quarrel −2.
        Assert.Equal(25m, score.Term(ManagerScoreRules.Consultation).Points);
        Assert.Equal(-2m, score.Adjustment(ManagerScoreRules.Quarrels).Points);
        Assert.Equal(25m + 12m + 30m + 10m + 10m - 2m, score.Total);
    }
}
