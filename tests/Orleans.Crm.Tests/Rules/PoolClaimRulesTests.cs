using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

public class PoolClaimRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 4, 10, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly PoolLeadState Free = PoolLeadState.Unclaimed("P1");

    [Fact]
    public void DefaultLimitsAreThoseOfTheRulebook()
    {
        Assert.Equal(new PoolLimits(10, 20, 7, 3), PoolLimits.Default);
    }

    [Fact]
    public void AnUnclaimedLeadWithinTheLimitsMayBeClaimed()
    {
        var check = PoolClaimRules.Evaluate(Free, "m1", claimsToday: 0, openClaims: 0, coolDowns: null, Now);

        Assert.True(check.Allowed);
        Assert.Equal(ClaimRefusal.None, check.Refusal);
    }

    [Fact]
    public void AClaimedLeadTellsTheLoserWhoWonAndWhen()
    {
        var claimedAt = Now.AddSeconds(-1);
        var lead = new PoolLeadState("P1", "winner", claimedAt);

        var check = PoolClaimRules.Evaluate(lead, "loser", 0, 0, null, Now);

        Assert.False(check.Allowed);
        Assert.Equal(ClaimRefusal.AlreadyClaimed, check.Refusal);
        Assert.Equal("winner", check.ClaimedBy);
        Assert.Equal(claimedAt, check.ClaimedAt);
        Assert.Contains("winner", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimingALeadYouAlreadyHoldIsReportedAsAlreadyClaimedByYou()
    {
        var check = PoolClaimRules.Evaluate(new PoolLeadState("P1", "m1", Now), "m1", 0, 0, null, Now);

        Assert.Equal(ClaimRefusal.AlreadyClaimed, check.Refusal);
        Assert.Equal("m1", check.ClaimedBy);
        Assert.Contains("already hold", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AlreadyClaimedIsReportedBeforeAnyLimit()
    {
        var check = PoolClaimRules.Evaluate(new PoolLeadState("P1", "m2", Now), "m1", 99, 99,
            [new PoolCoolDown("m1", Now.AddDays(1))], Now);

        Assert.Equal(ClaimRefusal.AlreadyClaimed, check.Refusal);
    }

    [Theory]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(11, false)]
    public void TheDailyClaimLimitIsTenByDefault(int claimsToday, bool allowed)
    {
        var check = PoolClaimRules.Evaluate(Free, "m1", claimsToday, 0, null, Now);

        Assert.Equal(allowed, check.Allowed);
        if (!allowed)
        {
            Assert.Equal(ClaimRefusal.DailyLimitReached, check.Refusal);
        }
    }

    [Theory]
    [InlineData(19, true)]
    [InlineData(20, false)]
    public void TheOpenClaimLimitIsTwentyByDefault(int openClaims, bool allowed)
    {
        var check = PoolClaimRules.Evaluate(Free, "m1", 0, openClaims, null, Now);

        Assert.Equal(allowed, check.Allowed);
        if (!allowed)
        {
            Assert.Equal(ClaimRefusal.OpenLimitReached, check.Refusal);
        }
    }

    [Fact]
    public void CustomLimitsApply()
    {
        var limits = new PoolLimits(ClaimsPerDay: 2, OpenClaims: 1);

        Assert.Equal(ClaimRefusal.DailyLimitReached, PoolClaimRules.Evaluate(Free, "m1", 2, 0, null, Now, limits).Refusal);
        Assert.Equal(ClaimRefusal.OpenLimitReached, PoolClaimRules.Evaluate(Free, "m1", 1, 1, null, Now, limits).Refusal);
        Assert.True(PoolClaimRules.Evaluate(Free, "m1", 1, 0, null, Now, limits).Allowed);
    }

    [Fact]
    public void ThePreviousClaimantIsCoolingDownUntilTheEntryExpires()
    {
        var until = Now.AddDays(2);
        PoolCoolDown[] coolDowns = [new("m1", until), new("m1", Now.AddHours(1))];

        var check = PoolClaimRules.Evaluate(Free, "m1", 0, 0, coolDowns, Now);

        Assert.Equal(ClaimRefusal.CoolingDown, check.Refusal);
        Assert.Equal(until, check.CoolingDownUntil);
        Assert.True(PoolClaimRules.Evaluate(Free, "m1", 0, 0, coolDowns, until).Allowed);
        Assert.Equal(ClaimRefusal.CoolingDown, PoolClaimRules.Evaluate(Free, "m1", 0, 0, coolDowns, until.AddTicks(-1)).Refusal);
    }

    [Fact]
    public void AnotherManagersCoolDownDoesNotApply()
    {
        var check = PoolClaimRules.Evaluate(Free, "m2", 0, 0, [new PoolCoolDown("m1", Now.AddDays(3))], Now);

        Assert.True(check.Allowed);
    }

    [Fact]
    public void ProtectionRunsSevenDaysFromTheClaimWithoutFollowUp()
    {
        Assert.Equal(Now.AddDays(7), PoolClaimRules.ProtectionExpiry(Now, null));
    }

    [Fact]
    public void EachFollowUpRestartsTheProtection()
    {
        var followUp = Now.AddDays(5);

        Assert.Equal(followUp.AddDays(7), PoolClaimRules.ProtectionExpiry(Now, followUp));
    }

    [Fact]
    public void AFollowUpRecordedBeforeTheClaimDoesNotShortenTheProtection()
    {
        Assert.Equal(Now.AddDays(7), PoolClaimRules.ProtectionExpiry(Now, Now.AddDays(-3)));
    }

    [Fact]
    public void ALeadWithADepositOrContractNeverReturnsToThePool()
    {
        Assert.Null(PoolClaimRules.ProtectionExpiry(Now, null, hasDepositOrContract: true));
        Assert.False(PoolClaimRules.ShouldReturnToPool(Now, null, true, Now.AddYears(5)));
    }

    [Fact]
    public void TheLeadReturnsExactlyWhenTheProtectionRunsOut()
    {
        var expiry = Now.AddDays(7);

        Assert.False(PoolClaimRules.ShouldReturnToPool(Now, null, false, expiry.AddTicks(-1)));
        Assert.True(PoolClaimRules.ShouldReturnToPool(Now, null, false, expiry));
    }

    [Fact]
    public void CustomProtectionAndCoolDownLengthsApply()
    {
        var limits = new PoolLimits(ProtectionDays: 14, CoolDownDays: 5);

        Assert.Equal(Now.AddDays(14), PoolClaimRules.ProtectionExpiry(Now, null, false, limits));
        Assert.Equal(new PoolCoolDown("m1", Now.AddDays(5)), PoolClaimRules.CoolDownFor("m1", Now, limits));
    }

    [Fact]
    public void AReturnedLeadCoolsItsPreviousClaimantDownForThreeDays()
    {
        var coolDown = PoolClaimRules.CoolDownFor("m1", Now);

        Assert.Equal(new PoolCoolDown("m1", Now.AddDays(3)), coolDown);
        Assert.Equal(ClaimRefusal.CoolingDown, PoolClaimRules.Evaluate(Free, "m1", 0, 0, [coolDown], Now.AddDays(2.9)).Refusal);
        Assert.True(PoolClaimRules.Evaluate(Free, "m1", 0, 0, [coolDown], Now.AddDays(3)).Allowed);
    }
}
