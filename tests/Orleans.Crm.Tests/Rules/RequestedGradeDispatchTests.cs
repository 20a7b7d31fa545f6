using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using static Orleans.Crm.Tests.Rules.DispatchFixture;

namespace Orleans.Crm.Tests.Rules;

/// <summary>
/// A customer who asks for an excellent-grade designer or above (客户需优秀级以上设计师) is dispatched only to designers of
/// that grade or above; the grade is the quarterly one, not the A6 post.
/// </summary>
public class RequestedGradeDispatchTests
{
    private static DesignGroup Graded(string managerId, string prefix, params DesignerGrade[] grades) =>
        Group(managerId, prefix, d => d with { Grade = grades[d.Rank - 1] });

    [Fact]
    public void AnExcellentRequestSkipsOrdinaryDesignersEvenTheBestRanked()
    {
        var group = Graded("m1", "a", DesignerGrade.Ordinary, DesignerGrade.Ordinary, DesignerGrade.Excellent, DesignerGrade.Expert);
        var lead = Lead() with { RequestedGrade = DesignerGrade.Excellent };

        var decision = DispatchPlanner.Plan(Request(lead, "m1", [group]));

        Assert.Equal("a3", decision.DesignerId);
        Assert.Equal([CandidateOutcome.SkippedBelowGrade, CandidateOutcome.SkippedBelowGrade, CandidateOutcome.Chosen], Outcomes(decision));
    }

    [Fact]
    public void AnExpertRequestSkipsExcellentDesignersAndCrossesGroupsForAnExpert()
    {
        var own = Graded("m1", "a", DesignerGrade.Excellent, DesignerGrade.Excellent, DesignerGrade.Ordinary, DesignerGrade.Ordinary);
        var other = Graded("m2", "b", DesignerGrade.Ordinary, DesignerGrade.Expert, DesignerGrade.Ordinary, DesignerGrade.Ordinary);
        var lead = Lead() with { RequestedGrade = DesignerGrade.Expert };

        var decision = DispatchPlanner.Plan(Request(lead, "m1", [own, other]));

        Assert.Equal(("b2", true), (decision.DesignerId, decision.CrossGroup));
    }

    [Fact]
    public void NobodyOfTheGradeMeansTheLeadWaits()
    {
        var group = Graded("m1", "a", DesignerGrade.Ordinary, DesignerGrade.Ordinary, DesignerGrade.Ordinary, DesignerGrade.Ordinary);

        var decision = DispatchPlanner.Plan(Request(Lead() with { RequestedGrade = DesignerGrade.Excellent }, "m1", [group]));

        Assert.Equal(DispatchKind.Queued, decision.Kind);
    }

    [Fact]
    public void TheGradeIsNotTheA6Post()
    {
        // The rank-1 designer is the group's senior (A6) but of ordinary grade: not eligible for an excellent request.
        var group = Graded("m1", "a", DesignerGrade.Ordinary, DesignerGrade.Excellent, DesignerGrade.Ordinary, DesignerGrade.Ordinary);

        var decision = DispatchPlanner.Plan(Request(Lead() with { RequestedGrade = DesignerGrade.Excellent }, "m1", [group]));

        Assert.Equal(("a2", DesignerLevel.Style), (decision.DesignerId, group.Designers.Single(d => d.DesignerId == "a2").Level));
    }

    [Fact]
    public void AnOverrideBelowTheRequestedGradeIsMarkedAndBreaksTheRule()
    {
        var group = Graded("m1", "a", DesignerGrade.Excellent, DesignerGrade.Ordinary, DesignerGrade.Ordinary, DesignerGrade.Ordinary);
        var request = Request(Lead() with { RequestedGrade = DesignerGrade.Excellent }, "m1", [group], new ManualOverride("a2", "customer knows a2"));

        var decision = DispatchPlanner.Plan(request);
        var breaks = OverrideAudit.RulesBroken(request, "a2");

        Assert.Equal("a2", decision.DesignerId);
        Assert.Contains("excellent-grade designer or above", decision.Summary, StringComparison.Ordinal);
        Assert.Contains(breaks, b => b.Rule == DispatchRuleCodes.RequestedGrade);
    }
}
