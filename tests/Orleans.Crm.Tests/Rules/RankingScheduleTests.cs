using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>Half months and when they are ranked (the 15th and the month's last day at 22:00 store-local by default).</summary>
public class RankingScheduleTests
{
    private const string Shanghai = "Asia/Shanghai";
    private static readonly TimeOnly TenPm = new(22, 0);
    private static readonly DateTimeOffset LongAgo = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("2026-11-H1", "2026-11-01", "2026-11-15")]
    [InlineData("2026-11-H2", "2026-11-16", "2026-11-30")]
    [InlineData("2028-02-H2", "2028-02-16", "2028-02-29")]
    [InlineData("2026-12-h2", "2026-12-16", "2026-12-31")]
    public void AHalfMonthRunsFromThe1stOrThe16thToThe15thOrTheLastDay(string text, string first, string last)
    {
        var period = HalfMonthPeriod.TryParse(text)!;

        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)), (period.First, period.Last));
        Assert.Equal(text.ToUpperInvariant(), period.ToString());
    }

    [Theory]
    [InlineData("2026-11")]
    [InlineData("2026-13-H1")]
    [InlineData("2026-11-H3")]
    [InlineData("2026Q4")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElseIsNotAHalfMonth(string? text)
    {
        Assert.Null(HalfMonthPeriod.TryParse(text));
    }

    [Fact]
    public void TheQuartersLastHalfMonthEndsIt()
    {
        Assert.True(HalfMonthPeriod.TryParse("2026-12-H2")!.EndsQuarter);
        Assert.False(HalfMonthPeriod.TryParse("2026-12-H1")!.EndsQuarter);
        Assert.False(HalfMonthPeriod.TryParse("2026-11-H2")!.EndsQuarter);
        Assert.Equal("2026Q4", HalfMonthPeriod.TryParse("2026-10-H1")!.Quarter);
        Assert.Equal(6, HalfMonthPeriod.TryParse("2026-11-H1")!.QuarterPeriods().Count);
    }

    [Fact]
    public void TheFirstHalfIsDueAtTenPmOnThe15thAndNotAMinuteBefore()
    {
        Assert.Equal("2026-10-H2", RankingSchedule.Due(Local(11, 15, 21, 59), TenPm, Shanghai, LongAgo, _ => false)?.ToString());
        Assert.Equal("2026-11-H1", RankingSchedule.Due(Local(11, 15, 22, 0), TenPm, Shanghai, LongAgo, _ => false)?.ToString());
        Assert.Equal("2026-11-H1", RankingSchedule.Due(Local(11, 20, 9, 0), TenPm, Shanghai, LongAgo, _ => false)?.ToString());
    }

    [Fact]
    public void TheSecondHalfIsDueOnTheMonthsLastDay()
    {
        Assert.Equal("2026-11-H2", RankingSchedule.Due(Local(11, 30, 22, 0), TenPm, Shanghai, LongAgo, _ => false)?.ToString());
        Assert.Equal("2026-11-H1", RankingSchedule.Due(Local(11, 30, 21, 0), TenPm, Shanghai, LongAgo, _ => false)?.ToString());
    }

    [Fact]
    public void ARankedPeriodOrOneThatEndedBeforeTheStoreExistedIsNotDue()
    {
        Assert.Null(RankingSchedule.Due(Local(11, 30, 22, 0), TenPm, Shanghai, LongAgo, p => p.ToString() == "2026-11-H2"));
        Assert.Null(RankingSchedule.Due(Local(11, 30, 22, 0), TenPm, Shanghai, Local(11, 30, 22, 1), _ => false));
        Assert.Null(RankingSchedule.Due(Local(11, 30, 22, 0), TenPm, Shanghai, null, _ => false));
    }

    [Fact]
    public void RanksTakeEffectAtTheNextLocalMidnightOrNowOnceThatHasPassed()
    {
        var period = HalfMonthPeriod.TryParse("2026-11-H2")!;

        Assert.Equal(Local(12, 1, 0), RankingSchedule.EffectiveAt(period, Local(11, 30, 22, 0), Shanghai));
        Assert.Equal(Local(12, 3, 9), RankingSchedule.EffectiveAt(period, Local(12, 3, 9), Shanghai));
    }

    [Theory]
    [InlineData(74.99, "Ordinary")]
    [InlineData(75, "Excellent")]
    [InlineData(89.99, "Excellent")]
    [InlineData(90, "Expert")]
    public void TheQuarterlyGradeIsReachedAtItsThreshold(double average, string grade)
    {
        Assert.Equal(grade, GradeRule.Default.GradeOf((decimal)average).ToString());
    }

    [Fact]
    public void TheQuartersAverageIsOverTheScoresThereAre()
    {
        Assert.Equal(80m, GradeRule.Average([70m, 90m, 80m]));
        Assert.Null(GradeRule.Average([]));
    }
}
