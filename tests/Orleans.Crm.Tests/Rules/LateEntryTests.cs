using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

public class LateEntryTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)));

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(60 * 24 * 3)]
    [InlineData(60 * 24 * 7)]
    public void APaperFormOfTheLastSevenDaysMayBeEntered(int minutesBack)
    {
        var now = _clock.GetUtcNow();

        Assert.Null(LateEntry.Refusal(now.AddMinutes(-minutesBack), now, LateEntry.DefaultWindow));
    }

    [Fact]
    public void APaperFormOlderThanTheWindowIsRefused()
    {
        var now = _clock.GetUtcNow();

        var refusal = LateEntry.Refusal(now - TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), now, LateEntry.DefaultWindow);

        Assert.Contains("more than 7 days back", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AVisitInTheFutureIsRefused()
    {
        var now = _clock.GetUtcNow();

        var refusal = LateEntry.Refusal(now.AddMinutes(1), now, LateEntry.DefaultWindow);

        Assert.Contains("in the future", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWindowMovesWithTheClockAndIsConfigurable()
    {
        var visit = _clock.GetUtcNow().AddDays(-2);

        Assert.Null(LateEntry.Refusal(visit, _clock.GetUtcNow(), TimeSpan.FromDays(3)));
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.NotNull(LateEntry.Refusal(visit, _clock.GetUtcNow(), TimeSpan.FromDays(3)));
        Assert.Null(LateEntry.Refusal(visit, _clock.GetUtcNow(), LateEntry.DefaultWindow));
    }
}
