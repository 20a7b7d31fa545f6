using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using static Orleans.Crm.Tests.Rules.DispatchFixture;

namespace Orleans.Crm.Tests.Rules;

public class QueueRulesTests
{
    private static readonly DateTimeOffset Nine = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static QueuedLead Queued(string leadId, int minutesAfterNine, bool needsSenior = false, params string[] refused) =>
        new(Lead(leadId, needsSenior: needsSenior), "mA", Nine.AddMinutes(minutesAfterNine),
            refused.Length == 0 ? null : new HashSet<string>(refused));

    // One free slot in the whole store: a3 (style, rank 3).
    private static DesignGroup[] OneFreeStyleSlot() =>
    [
        Group("mA", "a", d => d.DesignerId == "a3" ? d : d with { Holding = d.Cap }),
        AllFull("mB", "b"),
    ];

    [Fact]
    public void TheEarliestArrivalIsDispatchedFirst()
    {
        var queue = new[] { Queued("L2", 5), Queued("L1", 1), Queued("L3", 9) };

        var next = QueueRules.NextAssignable(queue, OneFreeStyleSlot());

        Assert.NotNull(next);
        Assert.Equal("L1", next.Entry.Lead.LeadId);
        Assert.Equal("a3", next.Decision.DesignerId);
    }

    [Fact]
    public void ArrivalOrderIgnoresInputOrderAndBreaksTiesByLeadId()
    {
        var queue = new[] { Queued("L9", 0), Queued("L3", 3), Queued("L1", 3), Queued("L0", 7) };

        var ordered = QueueRules.InArrivalOrder(queue).Select(q => q.Lead.LeadId);

        Assert.Equal(["L9", "L1", "L3", "L0"], ordered);
    }

    [Fact]
    public void ALeadThatStillCannotBePlacedDoesNotBlockTheOnesBehindIt()
    {
        var queue = new[] { Queued("L1", 0, needsSenior: true), Queued("L2", 1) };

        var next = QueueRules.NextAssignable(queue, OneFreeStyleSlot());

        Assert.NotNull(next);
        Assert.Equal("L2", next.Entry.Lead.LeadId);
    }

    [Fact]
    public void ARefusalRecordedOnTheQueuedLeadIsRespected()
    {
        var queue = new[] { Queued("L1", 0, false, "a3"), Queued("L2", 1) };

        var next = QueueRules.NextAssignable(queue, OneFreeStyleSlot());

        Assert.NotNull(next);
        Assert.Equal("L2", next.Entry.Lead.LeadId);
    }

    [Fact]
    public void NothingIsAssignableWhenEveryoneIsFullOrTheQueueIsEmpty()
    {
        Assert.Null(QueueRules.NextAssignable([Queued("L1", 0)], [AllFull("mA", "a")]));
        Assert.Null(QueueRules.NextAssignable([], [Group("mA", "a")]));
    }

    [Fact]
    public void DrainFillsFreeSlotsInArrivalOrderWithoutOverfillingAnyone()
    {
        var groups = new[]
        {
            new DesignGroup("mA", [Designer("a1", 1, DesignerLevel.Senior, holding: 1, cap: 2), Designer("a2", 2, holding: 0, cap: 1)]),
        };
        var queue = new[] { Queued("L3", 3), Queued("L1", 1), Queued("L2", 2) };

        var plan = QueueRules.PlanDrain(queue, groups);

        Assert.Equal(["L1", "L2"], plan.Select(p => p.Entry.Lead.LeadId));
        Assert.Equal(["a1", "a2"], plan.Select(p => p.Decision.DesignerId));
    }

    [Fact]
    public void DrainLetsALaterLeadTakeASlotAnEarlierOneCannotUse()
    {
        var queue = new[] { Queued("L1", 0, needsSenior: true), Queued("L2", 1), Queued("L3", 2) };

        var plan = QueueRules.PlanDrain(queue, OneFreeStyleSlot());

        var only = Assert.Single(plan);
        Assert.Equal("L2", only.Entry.Lead.LeadId);
    }
}
