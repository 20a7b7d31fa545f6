using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>Callback deadlines on the store's calendar (Asia/Shanghai, UTC+8 in these tests).</summary>
public sealed class CallbackRulesTests
{
    private const string Zone = "Asia/Shanghai";
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public void TheWeeklyCallbacksAreDueAtTheStoreLocalMidnightOfEachWeekFromTheSiteStart()
    {
        // The crew moved in on Tuesday 3 November 2026, 15:00 in Shanghai.
        var start = new DateTimeOffset(2026, 11, 3, 15, 0, 0, Cst);

        var first = CallbackRules.Weekly("c1-p1", "m-1", start, 1, Zone);
        var second = CallbackRules.Weekly("c1-p1", "m-1", start, 2, Zone);

        Assert.Equal(("c1-p1.weekly-1-callback", "m-1", CallbackRules.WeeklyRule), (first.TaskId, first.AssigneeId, first.Rule));
        Assert.Equal(start, first.OpensAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 0, 0, 0, Cst), first.DueAt);
        Assert.Equal(first.DueAt, second.OpensAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 0, 0, 0, Cst), second.DueAt);
    }

    [Fact]
    public void DueWeeklyOpensEveryWeekThatBeganAndNoneAfterCompletion()
    {
        var start = new DateTimeOffset(2026, 11, 3, 15, 0, 0, Cst);

        var atStart = CallbackRules.DueWeekly("p", "m", start, 0, null, start, Zone);
        var threeWeeksLate = CallbackRules.DueWeekly("p", "m", start, 1, null, new DateTimeOffset(2026, 11, 24, 9, 0, 0, Cst), Zone);
        var completed = CallbackRules.DueWeekly("p", "m", start, 1, new DateTimeOffset(2026, 11, 12, 9, 0, 0, Cst), new DateTimeOffset(2026, 12, 30, 9, 0, 0, Cst), Zone);
        var before = CallbackRules.DueWeekly("p", "m", start, 0, null, start.AddMinutes(-1), Zone);

        Assert.Equal(["p.weekly-1-callback"], atStart.Select(c => c.TaskId));
        Assert.Equal(["p.weekly-2-callback", "p.weekly-3-callback", "p.weekly-4-callback"], threeWeeksLate.Select(c => c.TaskId));
        Assert.Equal(["p.weekly-2-callback"], completed.Select(c => c.TaskId));
        Assert.Empty(before);
    }

    [Fact]
    public void AftercareCallbacksAreDueWithin3_10And30StoreLocalDaysToTheServiceDeskEachOpeningWhenThePreviousFallsDue()
    {
        // Completion accepted on Monday 30 November 2026 at 23:30 in Shanghai (15:30 UTC: already Monday in UTC too).
        var accepted = new DateTimeOffset(2026, 11, 30, 23, 30, 0, Cst);

        var callbacks = CallbackRules.Aftercare("c1-p1", "sh-xuhui", accepted, Zone);

        Assert.Equal(["c1-p1.aftercare-d3-callback", "c1-p1.aftercare-d10-callback", "c1-p1.aftercare-d30-callback"], callbacks.Select(c => c.TaskId));
        Assert.All(callbacks, c => Assert.Equal(("service:sh-xuhui", CallbackRules.AftercareRule), (c.AssigneeId, c.Rule)));
        Assert.Equal(
            [new DateTimeOffset(2026, 12, 4, 0, 0, 0, Cst), new DateTimeOffset(2026, 12, 11, 0, 0, 0, Cst), new DateTimeOffset(2026, 12, 31, 0, 0, 0, Cst)],
            callbacks.Select(c => c.DueAt));
        Assert.Equal([accepted, callbacks[0].DueAt, callbacks[1].DueAt], callbacks.Select(c => c.OpensAt));
    }

    [Fact]
    public void TheStoreLocalDateDecidesTheDeadlineNotUtc()
    {
        // 00:30 on 1 December in Shanghai is still 30 November in UTC: the +3 callback counts from 1 December.
        var accepted = new DateTimeOffset(2026, 12, 1, 0, 30, 0, Cst);

        var callbacks = CallbackRules.Aftercare("p", "s", accepted, Zone, [3]);

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 0, 0, 0, Cst), Assert.Single(callbacks).DueAt);
    }

    [Theory]
    [InlineData(0, 0, 100.0, 10.0)]
    [InlineData(4, 4, 100.0, 10.0)]
    [InlineData(200, 199, 99.5, 9.0)]
    [InlineData(20, 19, 95.0, 0.0)]
    [InlineData(3, 1, 33.3, 0.0)]
    public void TheManagersCallbackScoreIsTenAtAFullOnTimeRateMinusTwoPerPointBelow(int due, int onTime, double rate, double score)
    {
        Assert.Equal(((decimal)rate, (decimal)score), CallbackRules.ManagerScore(due, onTime));
    }

    [Fact]
    public void ACallbackIsOnTimeOnlyWhenDoneByItsDueTime()
    {
        var due = new DateTimeOffset(2026, 11, 10, 0, 0, 0, Cst);

        Assert.True(CallbackRules.OnTime("done", due, due));
        Assert.False(CallbackRules.OnTime("done", due, due.AddSeconds(1)));
        Assert.False(CallbackRules.OnTime("open", due, null));
        Assert.False(CallbackRules.OnTime("cancelled", due, due.AddDays(-1)));
    }
}
