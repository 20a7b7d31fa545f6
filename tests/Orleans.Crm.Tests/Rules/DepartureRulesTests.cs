using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Rules;
using static Orleans.Crm.Tests.Rules.DispatchFixture;

namespace Orleans.Crm.Tests.Rules;

/// <summary>Who takes a leaving person's work (issue 16): a designer's leads back to dispatch by the rules, a manager's to the chosen manager.</summary>
public class DepartureRulesTests
{
    private static DepartingLead Held(string id, string managerId = "mA", string? previous = null, params string[] refused) =>
        new(Lead(id, previous), managerId, new HashSet<string>(refused));

    [Fact]
    public void ALeavingDesignersLeadsGoToTheirGroupByRankWithinEachCapOneAfterTheOther()
    {
        // a1 leaves holding two; a2 (cap 2) has one free slot, a3 one, a4 one.
        var own = Group("mA", "a", d => d.DesignerId switch
        {
            "a1" => d with { Holding = 2 },
            "a2" => d with { Holding = 1 },
            _ => d,
        });

        var plan = DepartureRules.Redispatch([own, Group("mB", "b")], "a1", [Held("L1"), Held("L2")]);

        Assert.Equal(["L1", "L2"], plan.Select(p => p.LeadId));
        Assert.Equal(["a2", "a3"], plan.Select(p => p.Decision.DesignerId));
        Assert.All(plan, p => Assert.False(p.Decision.CrossGroup));
        Assert.All(plan, p => Assert.Equal("mA", p.DispatchingManagerId));
    }

    [Fact]
    public void WhenTheOwnGroupIsFullTheLeadsCrossToAnotherGroupAndWhatNobodyCanTakeIsQueued()
    {
        var own = AllFull("mA", "a");
        var other = Group("mB", "b", d => d with { Holding = d.DesignerId == "b4" ? 0 : d.Cap });

        var plan = DepartureRules.Redispatch([own, other], "a1", [Held("L1"), Held("L2"), Held("L3")]);

        Assert.Equal("b4", plan[0].Decision.DesignerId);
        Assert.True(plan[0].Decision.CrossGroup);

        // b4's only slot went to L1: the caps saw it, so L2 and L3 wait.
        Assert.Equal([DispatchKind.Assigned, DispatchKind.Queued, DispatchKind.Queued], plan.Select(p => p.Decision.Kind));
        Assert.All(plan.Skip(1), p => Assert.Null(p.Decision.DesignerId));
    }

    [Fact]
    public void TheLeavingDesignerIsNeverACandidateEvenWithFreeSlotsOrAsTheReturnCustomersDesigner()
    {
        var own = Group("mA", "a", d => d.DesignerId == "a1" ? d : d with { Holding = d.Cap });

        var plan = DepartureRules.Redispatch([own], "a1", [Held("L1", previous: "a1"), Held("L2")]);

        Assert.All(plan, p => Assert.Equal(DispatchKind.Queued, p.Decision.Kind));
        Assert.All(plan, p => Assert.DoesNotContain(p.Decision.Explanation, c => c.DesignerId == "a1"));
        Assert.False(plan[0].Decision.IsReturnCustomer);
    }

    [Fact]
    public void ALeadKeepsItsRefusalsAndItsDispatchingManagersGroupComesFirst()
    {
        var plan = DepartureRules.Redispatch(
            [Group("mA", "a", d => d.DesignerId == "a1" ? d with { Holding = 1 } : d), Group("mB", "b")],
            "a1",
            [Held("L1", "mB", null, "b1")]);

        Assert.Equal("b2", plan[0].Decision.DesignerId);
        Assert.False(plan[0].Decision.CrossGroup);
    }

    [Fact]
    public void AManagerWithOpenWorkNeedsAnotherManagerOfTheStoreNamedInReassignTo()
    {
        string[] managers = ["mA", "mB"];
        var busy = new ManagerWork(Leads: 2, Queued: 0, Tasks: 1, Designers: 4);

        Assert.Equal("reassignTo", DepartureRules.CheckManagerHandover("mA", null, managers, busy)?.Field);
        Assert.Equal(CrmErrorKind.Invalid, DepartureRules.CheckManagerHandover("mA", "mZ", managers, busy)?.Kind);
        Assert.Equal("reassignTo", DepartureRules.CheckManagerHandover("mA", "mA", managers, busy)?.Field);
        Assert.Null(DepartureRules.CheckManagerHandover("mA", "mB", managers, busy));
        Assert.Null(DepartureRules.CheckManagerHandover("mA", null, managers, new ManagerWork(0, 0, 0, 0)));
    }

    [Fact]
    public void TheStoresOnlyManagerCannotLeaveWithoutAnotherToHandOverTo()
    {
        var refused = DepartureRules.CheckManagerHandover("mA", null, ["mA"], new ManagerWork(0, 0, 0, 0));

        Assert.Equal(CrmErrorKind.Conflict, refused?.Kind);
        Assert.Equal("userId", refused?.Field);
    }
}
