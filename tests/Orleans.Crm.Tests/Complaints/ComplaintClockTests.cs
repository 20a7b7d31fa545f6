using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Complaints;

/// <summary>The complaint clock of seed 003 as rules: deadlines, steps met and missed, re-open, repeat complaints.</summary>
public sealed class ComplaintClockTests
{
    private static readonly ComplaintOptions Options = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8)));

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void DeadlinesAreComputedFromTheReceivedTimeAndCustomerToldWaitsForTheDepartment()
    {
        var received = Now;
        var view = New();

        Assert.Equal(received.AddMinutes(30), view.ReplyPromiseBy);
        Assert.Equal(received.AddMinutes(10), view.DepartmentNotifiedBy);
        Assert.Equal(received.AddHours(12), view.CheckBy);
        Assert.Equal(received.AddHours(24), view.SatisfactionCallBy);
        Assert.Null(view.CustomerToldBy);

        _clock.Advance(TimeSpan.FromMinutes(7));
        var notified = Step(view, ComplaintSteps.DepartmentNotified, department: "工程部", person: "李工");
        Assert.Equal(received.AddMinutes(27), notified.CustomerToldBy);
        Assert.Equal(("工程部", "李工"), (notified.Department, notified.DepartmentPerson));
    }

    [Fact]
    public void EveryStepMetInTimeLeavesNoBreachAndTheSatisfiedCallCloses()
    {
        var view = New();
        (TimeSpan After, string Step)[] steps =
        [
            (TimeSpan.FromMinutes(5), ComplaintSteps.DepartmentNotified),
            (TimeSpan.FromMinutes(10), ComplaintSteps.ReplyPromised),
            (TimeSpan.FromMinutes(10), ComplaintSteps.CustomerTold),
            (TimeSpan.FromHours(10), ComplaintSteps.Checked),
            (TimeSpan.FromHours(11), ComplaintSteps.SatisfactionCall),
        ];
        foreach (var (after, step) in steps)
        {
            _clock.Advance(after);
            Assert.Empty(ComplaintClock.NewBreaches(view, Now));
            view = Step(view, step, department: "工程部", satisfied: true);
            Assert.False(view.Steps[^1].Late);
        }

        Assert.Equal((ComplaintSteps.Closed, Now), (view.State, view.ClosedAt));
        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(ComplaintClock.NewBreaches(view, Now));
    }

    [Theory]
    [InlineData(ComplaintSteps.DepartmentNotified, 10)]
    [InlineData(ComplaintSteps.ReplyPromised, 30)]
    [InlineData(ComplaintSteps.CustomerTold, 5 + 20)]
    [InlineData(ComplaintSteps.Checked, 12 * 60)]
    [InlineData(ComplaintSteps.SatisfactionCall, 24 * 60)]
    public void EachMissedDeadlineIsABreachOnceItHasPassedAndOnlyOnce(string missed, int dueMinutes)
    {
        var received = Now;
        var view = New();

        // Every other step is done in time (the department at 5 minutes, so customer-told is due at 25).
        _clock.Advance(TimeSpan.FromMinutes(5));
        foreach (var step in ComplaintSteps.All.Where(s => s != missed && s != ComplaintSteps.SatisfactionCall))
        {
            if (step == ComplaintSteps.CustomerTold && missed == ComplaintSteps.DepartmentNotified)
            {
                continue;
            }

            view = Step(view, step, department: "工程部", by: "cs-1");
        }

        _clock.Advance(received.AddMinutes(dueMinutes) - Now);
        Assert.Empty(ComplaintClock.NewBreaches(view, Now));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var breaches = ComplaintClock.NewBreaches(view, Now);
        var breach = Assert.Single(breaches);
        Assert.Equal((missed, received.AddMinutes(dueMinutes)), (breach.Step, breach.DueAt));
        Assert.Equal(missed == ComplaintSteps.Checked ? "工程部" : ComplaintSteps.CustomerService, breach.Responsible);

        view = ComplaintClock.Breach(view, breaches);
        Assert.Equal(ComplaintSteps.Breached, view.State);
        Assert.Empty(ComplaintClock.NewBreaches(view, Now));

        // Done late: recorded as late, the breach stays.
        if (missed != ComplaintSteps.CustomerTold || ComplaintClock.Done(view, ComplaintSteps.DepartmentNotified) is not null)
        {
            view = Step(view, missed, department: "工程部", satisfied: false);
            Assert.True(view.Steps[^1].Late);
            Assert.Single(view.Breaches);
        }
    }

    [Fact]
    public void ADissatisfiedCallReopensTheComplaintWithANewRoundOfTheClock()
    {
        var view = New();
        _clock.Advance(TimeSpan.FromMinutes(5));
        view = Step(view, ComplaintSteps.DepartmentNotified, department: "工程部");
        view = Step(view, ComplaintSteps.ReplyPromised);
        view = Step(view, ComplaintSteps.CustomerTold);
        view = Step(view, ComplaintSteps.Checked);
        _clock.Advance(TimeSpan.FromHours(20));
        var call = Now;
        view = Step(view, ComplaintSteps.SatisfactionCall, satisfied: false);

        Assert.Equal((ComplaintSteps.Open, 2, call), (view.State, view.Round, view.RoundStartedAt));
        Assert.Equal((call.AddMinutes(10), call.AddHours(24)), (view.DepartmentNotifiedBy, view.SatisfactionCallBy));
        Assert.Null(view.CustomerToldBy);
        Assert.Null(view.ClosedAt);

        // The new round's steps are due again, and may be recorded again.
        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Contains(ComplaintClock.NewBreaches(view, Now), b => b.Step == ComplaintSteps.DepartmentNotified && b.Round == 2);
        view = Step(view, ComplaintSteps.DepartmentNotified, department: "材料部");
        Assert.Equal("材料部", view.Department);
    }

    [Fact]
    public void StepsThatDoNotFitAreRefused()
    {
        var view = New();
        Assert.Equal(CrmErrorKind.Invalid, Assert.Throws<CrmException>(() => Step(view, "apologised")).Kind);
        Assert.Equal("department", Assert.Throws<CrmException>(() => Step(view, ComplaintSteps.DepartmentNotified)).Field);
        Assert.Equal("satisfied", Assert.Throws<CrmException>(() => Step(view, ComplaintSteps.SatisfactionCall)).Field);
        Assert.Equal(CrmErrorKind.Conflict, Assert.Throws<CrmException>(() => Step(view, ComplaintSteps.CustomerTold)).Kind);

        view = Step(view, ComplaintSteps.ReplyPromised);
        Assert.Equal(CrmErrorKind.Conflict, Assert.Throws<CrmException>(() => Step(view, ComplaintSteps.ReplyPromised)).Kind);
        view = Step(view, ComplaintSteps.SatisfactionCall, satisfied: true);
        Assert.Equal(CrmErrorKind.Conflict, Assert.Throws<CrmException>(() => Step(view, ComplaintSteps.Checked)).Kind);
    }

    [Fact]
    public void ARepeatIsTheSameMatterWhileBreachedOrWithinTheWindowAfterClosing()
    {
        var breached = ComplaintClock.Breach(New("k1", projectId: "c-1-p1"), [new ComplaintBreachView(ComplaintSteps.Checked, Now, Now, "工程部", "李工", 1)]);
        var closed = New("k2") with { State = ComplaintSteps.Closed, ClosedAt = Now };
        var open = New("k3", customerId: "c-2");
        ComplaintView[] kept = [breached, closed, open];

        Assert.Equal("k1", ComplaintClock.RepeatOf(kept, "c-1", "c-1-p1", Now, Options.RepeatWindow)?.ComplaintId);
        Assert.Equal("k2", ComplaintClock.RepeatOf(kept, "c-1", null, Now.AddDays(7), Options.RepeatWindow)?.ComplaintId);
        Assert.Null(ComplaintClock.RepeatOf(kept, "c-1", null, Now.AddDays(7).AddMinutes(1), Options.RepeatWindow));
        Assert.Null(ComplaintClock.RepeatOf(kept, "c-1", "c-1-p9", Now, Options.RepeatWindow));
        Assert.Null(ComplaintClock.RepeatOf(kept, "c-2", null, Now, Options.RepeatWindow));
    }

    private ComplaintView New(string id = "s1-k1", string customerId = "c-1", string? projectId = null) =>
        ComplaintClock.Receive(id, "s1", new FileComplaint(customerId, null, projectId, "phone", "漏水", true, "fd-1"), Now, null, Options);

    private ComplaintView Step(ComplaintView view, string step, string? department = null, string? person = null, bool? satisfied = null, string by = "cs-1") =>
        ComplaintClock.Apply(view, new RecordComplaintStep(step, null, department, person, satisfied, by), Now, Options);
}
