using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using static Orleans.Crm.Tests.Rules.DispatchFixture;

namespace Orleans.Crm.Tests.Rules;

public class OverrideAuditTests
{
    private static readonly IReadOnlyList<DesignGroup> TwoGroups = [Group("m1", "a"), Group("m2", "b")];

    private static string[] Codes(IReadOnlyList<RuleBreak> breaks) => [.. breaks.Select(b => b.Rule)];

    [Fact]
    public void AnOverrideToWhomTheRulesWouldPickBreaksNothing()
    {
        Assert.Empty(OverrideAudit.RulesBroken(Request(Lead(), "m1", TwoGroups), "a1"));
    }

    [Fact]
    public void PassingOverABetterRankedEligibleDesignerBreaksTheRankOrder()
    {
        var breaks = OverrideAudit.RulesBroken(Request(Lead(), "m1", TwoGroups), "a3");

        Assert.Equal([DispatchRuleCodes.RankOrder], Codes(breaks));
        Assert.Contains("Name of a1 (rank 1)", breaks[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void BypassingOnlyDesignersWhoWereNotEligibleBreaksNothing()
    {
        // a1 and a2 are full, so a3 is whom the rules would pick anyway.
        var groups = new[] { Group("m1", "a", d => d.Rank <= 2 ? d with { Holding = d.Cap } : d), Group("m2", "b") };

        Assert.Empty(OverrideAudit.RulesBroken(Request(Lead(), "m1", groups), "a3"));
    }

    [Fact]
    public void AnotherGroupsDesignerWhileTheOwnGroupHadAnEligibleOneBreaksOwnGroupFirst()
    {
        var breaks = OverrideAudit.RulesBroken(Request(Lead(), "m1", TwoGroups), "b1");

        Assert.Equal([DispatchRuleCodes.OwnGroupFirst], Codes(breaks));
    }

    [Fact]
    public void AnotherGroupsTopDesignerWhenTheOwnGroupIsFullBreaksNothing()
    {
        var groups = new[] { AllFull("m1", "a"), Group("m2", "b") };

        Assert.Empty(OverrideAudit.RulesBroken(Request(Lead(), "m1", groups), "b1"));
    }

    [Fact]
    public void TakingAReturnCustomerAwayFromTheirEligiblePreviousDesignerBreaksTheReturnCustomerRule()
    {
        var breaks = OverrideAudit.RulesBroken(Request(Lead(previousDesignerId: "b3"), "m1", TwoGroups), "a1");

        Assert.Equal([DispatchRuleCodes.ReturnCustomer], Codes(breaks));
    }

    [Fact]
    public void SendingAReturnCustomerBackToTheirPreviousDesignerBreaksNoRankOrGroupRule()
    {
        Assert.Empty(OverrideAudit.RulesBroken(Request(Lead(previousDesignerId: "b3"), "m1", TwoGroups), "b3"));
    }

    [Fact]
    public void ANonSeniorDesignerForACustomerWhoNeedsASeniorBreaksNeedsSenior()
    {
        // Only seniors are eligible, so a2 also passes over a1, the group's eligible senior.
        var breaks = OverrideAudit.RulesBroken(Request(Lead(needsSenior: true), "m1", TwoGroups), "a2");

        Assert.Equal([DispatchRuleCodes.RankOrder, DispatchRuleCodes.NeedsSenior], Codes(breaks));
    }

    [Fact]
    public void ADesignerWhoRefusedTheLeadBeforeBreaksRefusedBefore()
    {
        var breaks = OverrideAudit.RulesBroken(Request(Lead(), "m1", TwoGroups, null, "a1"), "a1");

        Assert.Equal([DispatchRuleCodes.RefusedBefore], Codes(breaks));
    }
}
