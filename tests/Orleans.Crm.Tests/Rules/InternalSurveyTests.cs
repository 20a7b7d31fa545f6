using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>The internal satisfaction survey of seed 000's appendix: eleven items weighted 16/8/4 … 4/2/1, 100 in all.</summary>
public sealed class InternalSurveyTests
{
    private static List<SurveyItemAnswer> All(string answer) => [.. SurveyItems.Ids.Select(id => new SurveyItemAnswer(id, answer))];

    [Fact]
    public void TheItemsCarryTheSeedsWeightsAndAFullFormTotals100()
    {
        Assert.Equal(11, SurveyItems.All.Count);
        Assert.Equal((16, 8, 4), (SurveyItems.All[0].Yes, SurveyItems.All[0].NoAnswer, SurveyItems.All[0].No));
        Assert.Equal("派单是公正的", SurveyItems.All[0].Chinese);
        Assert.Equal([16, 16, 12, 12, 8, 8, 8, 8, 4, 4, 4], SurveyItems.All.Select(i => i.Yes));
        Assert.All(SurveyItems.All, i => Assert.Equal((i.Yes / 2, i.Yes / 4), (i.NoAnswer, i.No)));
        Assert.Equal(100, SurveyItems.All.Sum(i => i.Yes));
    }

    [Theory]
    [InlineData(SurveyItems.Yes, 100)]
    [InlineData(SurveyItems.NoAnswer, 50)]
    [InlineData(SurveyItems.No, 25)]
    public void AFormTotalsItsAnswersPoints(string answer, int total)
    {
        Assert.Equal(total, InternalSurvey.Score(All(answer)).Sum(i => i.Points));
    }

    [Fact]
    public void AMixedFormIsScoredItemByItem()
    {
        var answers = All(SurveyItems.Yes);
        answers[0] = new SurveyItemAnswer("dispatch-fair", SurveyItems.Yes); // 16
        answers[1] = new SurveyItemAnswer("measure-sign-support", SurveyItems.No); // 4 instead of 16
        answers[2] = new SurveyItemAnswer("records-business", SurveyItems.NoAnswer); // 6 instead of 12
        answers.Reverse(); // the order of the answers does not matter

        var items = InternalSurvey.Score(answers);

        Assert.Equal(100 - 12 - 6, items.Sum(i => i.Points));
        Assert.Equal(SurveyItems.Ids, items.Select(i => i.ItemId));
        Assert.Equal(("measure-sign-support", "no", 4), (items[1].ItemId, items[1].Answer, items[1].Points));
    }

    [Fact]
    public void AnUnknownItemIsRefusedListingTheItems()
    {
        var answers = All(SurveyItems.Yes);
        answers.Add(new SurveyItemAnswer("is-nice", SurveyItems.Yes));

        var e = Assert.Throws<CrmException>(() => InternalSurvey.Score(answers));

        Assert.Equal(("answers", CrmErrorKind.Invalid), (e.Field, e.Kind));
        Assert.Contains("dispatch-fair", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnswerOutsideYesNoAnswerNoIsRefusedListingTheAllowedValues()
    {
        var answers = All(SurveyItems.Yes);
        answers[0] = new SurveyItemAnswer("dispatch-fair", "maybe");

        var e = Assert.Throws<CrmException>(() => InternalSurvey.Score(answers));

        Assert.Equal("answers.dispatch-fair", e.Field);
        Assert.Contains("yes, no-answer, no", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFormMustAnswerEveryItemOnce()
    {
        var missing = All(SurveyItems.Yes).Skip(1).ToList();
        var twice = All(SurveyItems.Yes);
        twice.Add(new SurveyItemAnswer("admin-work", SurveyItems.No));

        var e1 = Assert.Throws<CrmException>(() => InternalSurvey.Score(missing));
        var e2 = Assert.Throws<CrmException>(() => InternalSurvey.Score(twice));

        Assert.Equal("answers", e1.Field);
        Assert.Contains("dispatch-fair", e1.Message, StringComparison.Ordinal);
        Assert.Equal("answers.admin-work", e2.Field);
    }

    [Fact]
    public void TheSurveyAverageIsSupervisor40PercentPlusTheDesignersAverage60Percent()
    {
        // 0.4 · 80 + 0.6 · (90 + 100) / 2 = 32 + 57 = 89.
        Assert.Equal(89m, InternalSurvey.Average(80, [90, 100], 0.4m));
        Assert.Equal(95m, InternalSurvey.Average(null, [90, 100], 0.4m));
        Assert.Equal(80m, InternalSurvey.Average(80, [], 0.4m));
        Assert.Null(InternalSurvey.Average(null, [], 0.4m));
    }
}
