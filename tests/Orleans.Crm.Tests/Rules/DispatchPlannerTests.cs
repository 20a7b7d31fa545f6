using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using static Orleans.Crm.Tests.Rules.DispatchFixture;

namespace Orleans.Crm.Tests.Rules;

public class DispatchPlannerTests
{
    [Fact]
    public void OwnGroupTopRankedEligibleDesignerIsChosen()
    {
        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [Group("mA", "a"), Group("mB", "b")]));

        Assert.Equal(DispatchKind.Assigned, decision.Kind);
        Assert.Equal("a1", decision.DesignerId);
        Assert.Equal("mA", decision.GroupManagerId);
        Assert.False(decision.CrossGroup);
        Assert.False(decision.IsOverride);
        Assert.False(decision.IsReturnCustomer);
        Assert.Equal([CandidateOutcome.Chosen], Outcomes(decision));
        Assert.False(string.IsNullOrWhiteSpace(decision.Summary));
    }

    [Fact]
    public void OwnGroupIsWalkedByRankSkippingFullAndAbsentDesigners()
    {
        var own = Group("mA", "a", d => d.DesignerId switch
        {
            "a1" => d with { Holding = 2 },
            "a2" => d with { Present = false },
            _ => d,
        });

        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [Group("mB", "b"), own]));

        Assert.Equal("a3", decision.DesignerId);
        Assert.False(decision.CrossGroup);
        Assert.Equal(["a1", "a2", "a3"], Ids(decision));
        Assert.Equal([CandidateOutcome.SkippedFull, CandidateOutcome.SkippedAbsent, CandidateOutcome.Chosen], Outcomes(decision));
        Assert.All(decision.Explanation, c => Assert.Equal("mA", c.GroupManagerId));
        Assert.Contains("not present", decision.Explanation[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RankIsUsedRegardlessOfListOrderAndTiesGoToTheLowerDesignerId()
    {
        var own = new DesignGroup("mA",
        [
            Designer("z", 2),
            Designer("y", 1),
            Designer("x", 1),
        ]);

        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [own]));

        Assert.Equal("x", decision.DesignerId);
    }

    [Fact]
    public void WhenTheOwnGroupHasNobodyTheLeadGoesToAnotherGroupAndIsMarkedCrossGroup()
    {
        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [AllFull("mA", "a"), Group("mB", "b")]));

        Assert.Equal("b1", decision.DesignerId);
        Assert.Equal("mB", decision.GroupManagerId);
        Assert.True(decision.CrossGroup);
        Assert.Equal(["a1", "a2", "a3", "a4", "b1"], Ids(decision));
    }

    [Fact]
    public void OtherGroupsAreTriedInTheStoresGroupOrder()
    {
        var decision = DispatchPlanner.Plan(Request(Lead(), "mB",
            [AllFull("mA", "a"), AllFull("mB", "b"), Group("mC", "c", d => d.DesignerId == "c1" ? d with { Present = false } : d)]));

        Assert.Equal("c2", decision.DesignerId);
        Assert.True(decision.CrossGroup);
        // Own group first (b), then a, then c, in the store's order.
        Assert.Equal(["b1", "b2", "b3", "b4", "a1", "a2", "a3", "a4", "c1", "c2"], Ids(decision));
    }

    [Fact]
    public void ReturnCustomerGoesBackToTheirPreviousDesignerInAnotherGroup()
    {
        var decision = DispatchPlanner.Plan(Request(Lead(previousDesignerId: "b3"), "mA", [Group("mA", "a"), Group("mB", "b")]));

        Assert.Equal("b3", decision.DesignerId);
        Assert.True(decision.CrossGroup);
        Assert.True(decision.IsReturnCustomer);
        Assert.Equal([CandidateOutcome.Chosen], Outcomes(decision));
        Assert.Contains("previous designer", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ReturnCustomerOfAFullDesignerFallsBackToTheNormalOrder()
    {
        var groups = new[] { Group("mA", "a", d => d.DesignerId == "a1" ? d with { Holding = 2 } : d), Group("mB", "b") };

        var decision = DispatchPlanner.Plan(Request(Lead(previousDesignerId: "a1"), "mA", groups));

        Assert.Equal("a2", decision.DesignerId);
        Assert.True(decision.IsReturnCustomer);
        // The previous designer is explained once, first, and not re-listed in the group walk.
        Assert.Equal(["a1", "a2"], Ids(decision));
        Assert.Equal([CandidateOutcome.SkippedFull, CandidateOutcome.Chosen], Outcomes(decision));
        Assert.Contains("fell back", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ReturnCustomerOfAnAbsentDesignerFallsBackToTheNormalOrder()
    {
        var groups = new[] { Group("mA", "a"), Group("mB", "b", d => d.DesignerId == "b2" ? d with { Present = false } : d) };

        var decision = DispatchPlanner.Plan(Request(Lead(previousDesignerId: "b2"), "mA", groups));

        Assert.Equal("a1", decision.DesignerId);
        Assert.False(decision.CrossGroup);
        Assert.Equal([CandidateOutcome.SkippedAbsent, CandidateOutcome.Chosen], Outcomes(decision));
    }

    [Fact]
    public void ReturnCustomerWhoseDesignerLeftTheStoreFallsBackToTheNormalOrder()
    {
        var decision = DispatchPlanner.Plan(Request(Lead(previousDesignerId: "gone"), "mA", [Group("mA", "a")]));

        Assert.Equal("a1", decision.DesignerId);
        Assert.Equal([CandidateOutcome.SkippedNotInStore, CandidateOutcome.Chosen], Outcomes(decision));
        Assert.Null(decision.Explanation[0].GroupManagerId);
    }

    [Fact]
    public void CustomerWhoNeedsASeniorGetsOnlyASeniorDesigner()
    {
        var groups = new[] { Group("mA", "a", d => d.DesignerId == "a1" ? d with { Holding = 2 } : d), Group("mB", "b") };

        var decision = DispatchPlanner.Plan(Request(Lead(needsSenior: true), "mA", groups));

        Assert.Equal("b1", decision.DesignerId);
        Assert.True(decision.CrossGroup);
        Assert.Equal(
            [
                CandidateOutcome.SkippedFull,
                CandidateOutcome.SkippedNotSenior,
                CandidateOutcome.SkippedNotSenior,
                CandidateOutcome.SkippedNotSenior,
                CandidateOutcome.Chosen,
            ],
            Outcomes(decision));
    }

    [Fact]
    public void CustomerWhoNeedsASeniorWaitsWhenNoSeniorIsFree()
    {
        var groups = new[]
        {
            Group("mA", "a", d => d.Level == DesignerLevel.Senior ? d with { Present = false } : d),
            Group("mB", "b", d => d.Level == DesignerLevel.Senior ? d with { Holding = 5 } : d),
        };

        var decision = DispatchPlanner.Plan(Request(Lead(needsSenior: true), "mA", groups));

        Assert.Equal(DispatchKind.Queued, decision.Kind);
        Assert.Null(decision.DesignerId);
    }

    [Fact]
    public void NeedsSeniorAlsoAppliesToAReturnCustomersPreviousDesigner()
    {
        var decision = DispatchPlanner.Plan(Request(Lead(previousDesignerId: "a3", needsSenior: true), "mA", [Group("mA", "a")]));

        Assert.Equal("a1", decision.DesignerId);
        Assert.Equal(CandidateOutcome.SkippedNotSenior, decision.Explanation[0].Outcome);
    }

    [Fact]
    public void ADesignerWhoRefusedTheLeadIsNotOfferedItAgain()
    {
        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [Group("mA", "a")], null, "a1", "a2"));

        Assert.Equal("a3", decision.DesignerId);
        Assert.Equal([CandidateOutcome.SkippedRefused, CandidateOutcome.SkippedRefused, CandidateOutcome.Chosen], Outcomes(decision));
    }

    [Fact]
    public void WhenNobodyIsEligibleTheLeadWaitsInTheQueue()
    {
        var groups = new[] { AllFull("mA", "a"), Group("mB", "b", d => d with { Present = false }) };

        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", groups));

        Assert.Equal(DispatchKind.Queued, decision.Kind);
        Assert.False(decision.IsAssigned);
        Assert.Null(decision.DesignerId);
        Assert.Null(decision.GroupManagerId);
        Assert.False(decision.CrossGroup);
        Assert.Equal(8, decision.Explanation.Count);
        Assert.DoesNotContain(decision.Explanation, c => c.Outcome == CandidateOutcome.Chosen);
        Assert.Contains("queue", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoreWithoutDesignersQueuesTheLead()
    {
        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", []));

        Assert.Equal(DispatchKind.Queued, decision.Kind);
        Assert.Empty(decision.Explanation);
    }

    [Fact]
    public void ACapLoweredBelowTheHoldingBlocksNewLeadsButEvictsNobody()
    {
        var over = Designer("a1", 1, holding: 3, cap: 1);
        var own = new DesignGroup("mA", [over, Designer("a2", 2)]);

        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [own]));

        Assert.True(over.IsFull);
        Assert.Equal(0, over.FreeSlots);
        Assert.Equal("a2", decision.DesignerId);
        Assert.Equal(CandidateOutcome.SkippedFull, decision.Explanation[0].Outcome);
        Assert.Contains("lowered cap", decision.Explanation[0].Reason, StringComparison.Ordinal);
        // The planner only proposes; the input snapshot is untouched.
        Assert.Equal(3, own.Designers[0].Holding);
    }

    [Fact]
    public void HoldingEqualToTheCapIsFullAndAZeroCapTakesNothing()
    {
        Assert.True(Designer("x", 1, holding: 2, cap: 2).IsFull);
        Assert.False(Designer("x", 1, holding: 1, cap: 2).IsFull);
        Assert.True(Designer("x", 1, holding: 0, cap: 0).IsFull);
    }

    [Fact]
    public void ManualOverrideWithinTheCapIsAssignedAndMarked()
    {
        var manual = new ManualOverride("b4", "Customer asked for this designer by name");

        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [Group("mA", "a"), Group("mB", "b")], manual));

        Assert.Equal(DispatchKind.Assigned, decision.Kind);
        Assert.Equal("b4", decision.DesignerId);
        Assert.True(decision.IsOverride);
        Assert.True(decision.CrossGroup);
        Assert.Equal(manual.Reason, decision.OverrideReason);
        Assert.Contains(manual.Reason, decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ManualOverrideMayBypassRankReturnCustomerAndSeniorityButSaysSo()
    {
        var manual = new ManualOverride("a4", "Supervisor decision.");

        var decision = DispatchPlanner.Plan(Request(Lead(previousDesignerId: "a2", needsSenior: true), "mA", [Group("mA", "a")], manual, "a4"));

        Assert.Equal("a4", decision.DesignerId);
        Assert.True(decision.IsReturnCustomer);
        Assert.Contains("return customer of Name of a2", decision.Summary, StringComparison.Ordinal);
        Assert.Contains("senior", decision.Summary, StringComparison.Ordinal);
        Assert.Contains("refused", decision.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("..", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ManualOverrideOverTheCapIsRejected()
    {
        var manual = new ManualOverride("a3", "Customer insisted");
        var own = Group("mA", "a", d => d.DesignerId == "a3" ? d with { Holding = 1 } : d);

        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [own], manual));

        Assert.Equal(DispatchKind.Rejected, decision.Kind);
        Assert.Null(decision.DesignerId);
        Assert.True(decision.IsOverride);
        Assert.Equal([CandidateOutcome.SkippedFull], Outcomes(decision));
        Assert.Contains("full", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ManualOverrideToALoweredCapDesignerIsRejected()
    {
        var own = new DesignGroup("mA", [Designer("a1", 1, holding: 2, cap: 1)]);

        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [own], new ManualOverride("a1", "Favourite")));

        Assert.Equal(DispatchKind.Rejected, decision.Kind);
    }

    [Fact]
    public void ManualOverrideToAnAbsentDesignerIsRejected()
    {
        var own = Group("mA", "a", d => d.DesignerId == "a2" ? d with { Present = false } : d);

        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [own], new ManualOverride("a2", "Customer insisted")));

        Assert.Equal(DispatchKind.Rejected, decision.Kind);
        Assert.Equal([CandidateOutcome.SkippedAbsent], Outcomes(decision));
        Assert.Contains("not present", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ManualOverrideToSomeoneOutsideTheStoreIsRejected()
    {
        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [Group("mA", "a")], new ManualOverride("zz", "Friend")));

        Assert.Equal(DispatchKind.Rejected, decision.Kind);
        Assert.Equal([CandidateOutcome.SkippedNotInStore], Outcomes(decision));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ManualOverrideWithoutAReasonIsRejected(string reason)
    {
        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [Group("mA", "a")], new ManualOverride("a2", reason)));

        Assert.Equal(DispatchKind.Rejected, decision.Kind);
        Assert.Contains("reason", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ADispatcherWithoutAGroupUsesTheStoresGroupOrder()
    {
        var decision = DispatchPlanner.Plan(Request(Lead(), "supervisor", [AllFull("mA", "a"), Group("mB", "b")]));

        Assert.Equal("b1", decision.DesignerId);
        Assert.True(decision.CrossGroup);
    }

    [Fact]
    public void ADesignerListedInTwoGroupsIsRejectedAsInvalidInput()
    {
        var groups = new[] { Group("mA", "a"), new DesignGroup("mB", [Designer("a1", 1)]) };

        Assert.Throws<ArgumentException>(() => DispatchPlanner.Plan(Request(Lead(), "mA", groups)));
    }

    [Fact]
    public void PlanningTheSameSnapshotTwiceGivesTheSameDecision()
    {
        var groups = new[] { Group("mA", "a", d => d.Rank < 3 ? d with { Holding = 2 } : d), Group("mB", "b") };
        var request = Request(Lead(previousDesignerId: "b9"), "mA", groups, null, "a3");

        var first = DispatchPlanner.Plan(request);
        var second = DispatchPlanner.Plan(request);

        Assert.Equal(first.DesignerId, second.DesignerId);
        Assert.Equal(first.Summary, second.Summary);
        Assert.Equal(first.Explanation, second.Explanation);
    }
}
