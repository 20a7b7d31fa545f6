using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>The HQ report's weekly buckets: store-local ISO weeks, Monday to Sunday, the current one last.</summary>
public sealed class StoreWeeksTests
{
    [Fact]
    public void TwelveWeeksEndWithTheStoreLocalWeekThatHoldsNowAndStartOnMondayMidnightLocal()
    {
        // Tuesday 2026-11-03 10:00 in Shanghai: ISO week 2026-W45 (Monday 2 November).
        var weeks = StoreWeeks.Last("Asia/Shanghai", new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8)), 12);

        Assert.Equal(12, weeks.Length);
        Assert.Equal(("2026-W45", new DateOnly(2026, 11, 2)), (weeks[^1].Week, weeks[^1].Monday));
        Assert.Equal(("2026-W34", new DateOnly(2026, 8, 17)), (weeks[0].Week, weeks[0].Monday));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 16, 0, 0, TimeSpan.Zero), weeks[^1].From);
        Assert.Equal(new DateTimeOffset(2026, 11, 8, 16, 0, 0, TimeSpan.Zero), weeks[^1].To);
        Assert.All(weeks.Zip(weeks.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));
    }

    [Fact]
    public void AnInstantThatIsStillSundayInUtcIsAlreadyMondayOfTheNextWeekInShanghai()
    {
        // Sunday 2026-11-08 17:00 UTC is Monday 01:00 in Shanghai: the store's week W46 has begun.
        var sundayUtc = new DateTimeOffset(2026, 11, 8, 17, 0, 0, TimeSpan.Zero);
        var shanghai = StoreWeeks.Last("Asia/Shanghai", sundayUtc, 2);
        var utc = StoreWeeks.Last("UTC", sundayUtc, 2);

        Assert.Equal("2026-W46", shanghai[^1].Week);
        Assert.Equal("2026-W45", utc[^1].Week);
        Assert.Equal(1, StoreWeeks.IndexOf(shanghai, sundayUtc));
        Assert.Equal(-1, StoreWeeks.IndexOf(shanghai, shanghai[0].From.AddTicks(-1)));
    }

    [Fact]
    public void AWeekAcrossTheNewYearIsNamedByItsIsoYear()
    {
        // Thursday 2026-12-31: ISO week 2026-W53 (Monday 28 December); Monday 2027-01-04 starts 2027-W01.
        var weeks = StoreWeeks.Last("Asia/Shanghai", new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8)), 2);
        Assert.Equal(["2026-W53", "2027-W01"], weeks.Select(w => w.Week));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(54)]
    public void AWeekCountOutsideOneToFiftyThreeIsRefused(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StoreWeeks.Last("Asia/Shanghai", DateTimeOffset.UnixEpoch, count));
}
