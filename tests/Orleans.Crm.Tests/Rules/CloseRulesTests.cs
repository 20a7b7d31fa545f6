using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

public class CloseRulesTests
{
    [Theory]
    [InlineData(LeadOutcome.Lost, null, "analysis")]
    [InlineData(LeadOutcome.Invalid, "  ", null)]
    public void AClosingWithoutAReasonIsRefusedNamingTheReasonFieldAndItsValues(LeadOutcome outcome, string? reason, string? analysis)
    {
        var refused = Assert.Throws<CrmException>(() => CloseRules.Check(outcome, reason, analysis));

        Assert.Equal(("reason", CrmErrorKind.Invalid), (refused.Field, refused.Kind));
        Assert.Contains("price, design, competitor, postponed, unreachable, no-need, other", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownReasonIsRefusedListingTheAllowedOnes()
    {
        var refused = Assert.Throws<CrmException>(() => CloseRules.Check(LeadOutcome.Invalid, "bored", null));

        Assert.Equal("reason", refused.Field);
        Assert.Contains("'bored'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("no-need", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReasonSetOnlyByTheSystemCannotBeChosenByStaff()
    {
        Assert.Equal("reason", Assert.Throws<CrmException>(() => CloseRules.Check(LeadOutcome.Lost, CloseReasons.OwnedElsewhere, "x")).Field);
    }

    [Fact]
    public void ALostLeadNeedsAnAnalysis()
    {
        var refused = Assert.Throws<CrmException>(() => CloseRules.Check(LeadOutcome.Lost, "price", "   "));

        Assert.Equal("analysis", refused.Field);
    }

    [Fact]
    public void AnInvalidLeadNeedsNoAnalysisAndReasonsAreNormalised()
    {
        Assert.Equal(("no-need", (string?)null), CloseRules.Check(LeadOutcome.Invalid, " No-Need ", null));
        Assert.Equal(("competitor", "went to a rival across the street"), CloseRules.Check(LeadOutcome.Lost, "competitor", " went to a rival across the street "));
    }
}
