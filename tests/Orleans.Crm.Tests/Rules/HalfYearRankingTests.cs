using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>有界限的末位淘汰 (seed 000): each half year the store's last-ranked manager is flagged unless above 70.</summary>
public sealed class HalfYearRankingTests
{
    [Fact]
    public void TheLastRankedManagerIsFlaggedWhenNotAbove70()
    {
        var ranks = HalfYearRanking.Rank(new Dictionary<string, decimal> { ["a"] = 90m, ["b"] = 72m, ["c"] = 65m }, 70m);

        Assert.Equal((1, 3, false, false), ranks["a"]);
        Assert.Equal((2, 3, false, false), ranks["b"]);
        Assert.Equal((3, 3, true, true), ranks["c"]);
    }

    [Theory]
    [InlineData(70.01, false)] // above 70: stays
    [InlineData(70, true)] // exactly 70 is not above it (不包括70分)
    public void TheLastRankedStaysOnlyAbove70(double last, bool flagged)
    {
        var ranks = HalfYearRanking.Rank(new Dictionary<string, decimal> { ["a"] = 90m, ["b"] = (decimal)last }, 70m);

        Assert.True(ranks["b"].LastRanked);
        Assert.Equal(flagged, ranks["b"].Flagged);
    }

    [Fact]
    public void ManagersTiedForLastShareTheRankAndAreAllFlagged()
    {
        var ranks = HalfYearRanking.Rank(new Dictionary<string, decimal> { ["a"] = 60m, ["b"] = 80m, ["c"] = 60m }, 70m);

        Assert.Equal((1, false), (ranks["b"].Rank, ranks["b"].Flagged));
        Assert.Equal((2, true, true), (ranks["a"].Rank, ranks["a"].LastRanked, ranks["a"].Flagged));
        Assert.Equal((2, true, true), (ranks["c"].Rank, ranks["c"].LastRanked, ranks["c"].Flagged));
    }

    [Fact]
    public void ManagersTiedAtTheTopShareRankOne()
    {
        var ranks = HalfYearRanking.Rank(new Dictionary<string, decimal> { ["a"] = 88m, ["b"] = 88m, ["c"] = 75m }, 70m);

        Assert.Equal([1, 1, 3], new[] { ranks["a"].Rank, ranks["b"].Rank, ranks["c"].Rank });
        Assert.False(ranks["c"].Flagged);
    }

    [Fact]
    public void TheHalfYearScoreIsTheAverageOfItsTwoQuarters()
    {
        Assert.Equal(70.5m, HalfYearRanking.HalfYearScore(66m, 75m));
        Assert.Equal(80.01m, HalfYearRanking.HalfYearScore(80m, 80.015m));
    }

    [Theory]
    [InlineData("2026Q4", 2026, 4)]
    [InlineData("2027q1", 2027, 1)]
    public void QuartersAreWrittenYearQNumber(string text, int year, int number)
    {
        Assert.True(Quarter.TryParse(text, out var quarter));
        Assert.Equal(new Quarter(year, number), quarter);
    }

    [Theory]
    [InlineData("2026Q5")]
    [InlineData("2026-Q4")]
    [InlineData("26Q4")]
    [InlineData("2026-11")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElseIsNotAQuarterAndTheErrorNamesTheFieldAndTheFormat(string? text)
    {
        Assert.False(Quarter.TryParse(text, out _));
        var e = Assert.Throws<Orleans.Crm.Grains.CrmException>(() => Quarter.Parse(text, "quarter"));
        Assert.Equal("quarter", e.Field);
        Assert.Contains("2026Q4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AQuarterIsStoreLocalAndItsHalfYearPartnerIsTheOtherQuarterOfTheHalf()
    {
        var q4 = new Quarter(2026, 4);
        var (from, to) = StoreQuarter.Range("Asia/Shanghai", q4);

        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8)), from);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), to);
        Assert.Equal((new Quarter(2026, 3), true, "2026H2"), (q4.HalfYearPartner, q4.EndsHalfYear, q4.HalfYearName));
        Assert.False(new Quarter(2026, 1).EndsHalfYear);

        // 1 October 00:30 in Shanghai is still 30 September in UTC: the store's calendar decides.
        Assert.Equal(q4, StoreQuarter.Of(new DateTimeOffset(2026, 10, 1, 0, 30, 0, TimeSpan.FromHours(8)), "Asia/Shanghai"));
    }
}
