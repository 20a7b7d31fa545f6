using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

public class TaskRulesTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void TheThreeDayRuleGivesTheDesignerAFollowUpAndTheManagerACallbackDueADayLater()
    {
        var tasks = TaskRules.ThreeDayTasks("s1-7", "d1", "m1", [], Due, TimeSpan.FromDays(1));

        Assert.Equal(
            [("s1-7.three-day-follow-up", "follow-up", "d1"), ("s1-7.three-day-callback", "callback", "m1")],
            tasks.Select(t => (t.TaskId, t.Kind, t.AssigneeId)));
        Assert.All(tasks, t => Assert.Equal((Due.AddDays(1), TaskStates.Open, TaskRules.ThreeDay), (t.DueAt, t.State, t.Rule)));
    }

    [Fact]
    public void ARuleThatRunsAgainForTheSameLeadCreatesNothingNew()
    {
        var first = TaskRules.ThreeDayTasks("s1-7", "d1", "m1", [], Due, TimeSpan.FromDays(1));
        var done = first.Select(t => t with { State = TaskStates.Done }).ToList();

        Assert.Empty(TaskRules.ThreeDayTasks("s1-7", "d1", "m1", done, Due.AddMinutes(1), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void APoolLeadClaimedAgainGetsTasksOfItsOwnBesideThoseOfTheEarlierClaim()
    {
        var first = TaskRules.ThreeDayTasks("pool-3", null, "m1", [], Due, TimeSpan.FromDays(1), claim: "100");
        var second = TaskRules.ThreeDayTasks("pool-3", null, "m2", first, Due.AddDays(9), TimeSpan.FromDays(1), claim: "900");

        Assert.Equal(["pool-3.three-day-100-callback"], first.Select(t => t.TaskId));
        Assert.Equal(["pool-3.three-day-900-callback"], second.Select(t => t.TaskId));
        Assert.All(first.Concat(second), t => Assert.Equal("pool-3", TaskIds.LeadOf(t.TaskId)));
    }

    [Fact]
    public void AnUndispatchedLeadGetsOnlyTheManagersCallback()
    {
        var tasks = TaskRules.ThreeDayTasks("s1-8", null, "m1", [], Due, TimeSpan.FromDays(1));

        Assert.Equal(["callback"], tasks.Select(t => t.Kind));
    }

    [Fact]
    public void ATaskIdNamesItsLeadEvenWhenTheStoreIdHasDots()
    {
        Assert.Equal("sh.xuhui-12", TaskIds.LeadOf(TaskIds.For("sh.xuhui-12", "three-day", "callback")));
        Assert.Null(TaskIds.LeadOf("no-dot"));
        Assert.Null(TaskIds.LeadOf("trailing."));
    }

    [Fact]
    public void AnOpenTaskIsEscalatedOnlyOnceOverdueByMoreThanTheDelay()
    {
        var clock = new FakeTimeProvider(Due);
        var delay = TimeSpan.FromHours(24);

        Assert.False(TaskRules.IsOverdue(TaskStates.Open, Due, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromHours(24));
        Assert.True(TaskRules.IsOverdue(TaskStates.Open, Due, clock.GetUtcNow()));
        Assert.False(TaskRules.IsEscalated(TaskStates.Open, Due, clock.GetUtcNow(), delay));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(TaskRules.IsEscalated(TaskStates.Open, Due, clock.GetUtcNow(), delay));
        Assert.False(TaskRules.IsEscalated(TaskStates.Done, Due, clock.GetUtcNow(), delay));
    }

    [Fact]
    public void AStoreMonthRunsFromLocalMidnightOfTheFirstToLocalMidnightOfTheNext()
    {
        var (from, to) = StoreMonth.Range("Asia/Shanghai", 2026, 12);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), from.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), to.ToUniversalTime());
    }
}
