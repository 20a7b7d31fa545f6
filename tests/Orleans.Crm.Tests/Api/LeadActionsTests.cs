using Orleans.Crm.Gateway.Api;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Tests.Api;

/// <summary>The rule deciding which actions the console offers on a lead, from the caller's role and the lead's state.</summary>
public sealed class LeadActionsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly StaffUser Manager = new("m1", CrmRoles.Manager, "s1");
    private static readonly StaffUser OtherManager = new("m2", CrmRoles.Manager, "s1");
    private static readonly StaffUser Supervisor = new("sup", CrmRoles.Supervisor, "s1");
    private static readonly StaffUser Holder = new("d1", CrmRoles.Designer, "s1");
    private static readonly StaffUser OtherDesigner = new("d2", CrmRoles.Designer, "s1");
    private static readonly StaffUser FrontDesk = new("fd", CrmRoles.FrontDesk, "s1");
    private static readonly StaffUser OtherStoresManager = new("m9", CrmRoles.Manager, "s2");

    [Fact]
    public void AnUndispatchedLeadOffersItsOwnManagerDispatchButNotAnotherManager()
    {
        var lead = Lead();

        Assert.Equal(["dispatch", "override", "key-follow-up", "follow-up", "close"], LeadActions.For(Manager, lead, measured: false).ToArray());
        Assert.DoesNotContain("dispatch", LeadActions.For(OtherManager, lead, measured: false));
        Assert.Contains("dispatch", LeadActions.For(OtherManager, lead with { ManagerId = null }, measured: false));
        Assert.Contains("dispatch", LeadActions.For(Supervisor, lead, measured: false));
    }

    [Fact]
    public void TheContractIsOfferedOnlyOnceADepositIsRecordedAndADepositLeadEndsOnlyByRefundOrForfeitFromTheSupervisor()
    {
        var held = Lead() with { DesignerId = "d1" };
        var withDeposit = held with { Deposit = new SigningRecord(5000m, "孙女士", At), Status = LeadStatus.Deposit, Colour = "green" };

        Assert.DoesNotContain("contract", LeadActions.For(Manager, held, measured: true));
        Assert.Contains("deposit", LeadActions.For(Manager, held, measured: true));
        Assert.Contains("contract", LeadActions.For(Manager, withDeposit, measured: true));
        Assert.DoesNotContain("deposit", LeadActions.For(Manager, withDeposit, measured: true));
        Assert.DoesNotContain("close", LeadActions.For(Manager, withDeposit, measured: true));
        Assert.DoesNotContain("deposit-refunded", LeadActions.For(Manager, withDeposit, measured: true));
        Assert.Contains("deposit-refunded", LeadActions.For(Supervisor, withDeposit, measured: true));
        Assert.Contains("deposit-forfeited", LeadActions.For(Supervisor, withDeposit, measured: true));
    }

    [Fact]
    public void MeasurementIsOfferedOnceAndTheFeeGoesToFinanceOnce()
    {
        var held = Lead() with { DesignerId = "d1" };
        var feeKept = held with { MeasurementFee = new MeasurementFee(200m, false, At, null) };
        var feeHanded = held with { MeasurementFee = new MeasurementFee(200m, true, At, At) };

        Assert.Contains("measurement", LeadActions.For(Manager, held, measured: false));
        Assert.DoesNotContain("measurement", LeadActions.For(Manager, feeKept, measured: true));
        Assert.Contains("fee-handed", LeadActions.For(Manager, feeKept, measured: true));
        Assert.DoesNotContain("fee-handed", LeadActions.For(Manager, feeHanded, measured: true));
    }

    [Fact]
    public void OnlyTheHoldingDesignerActsAndOnlyToRefuseOrFollowUp()
    {
        var held = Lead() with { DesignerId = "d1" };

        Assert.Equal(["refuse", "follow-up"], LeadActions.For(Holder, held, measured: false).ToArray());
        Assert.Empty(LeadActions.For(OtherDesigner, held, measured: false));
        Assert.Empty(LeadActions.For(FrontDesk, held, measured: false));
    }

    [Fact]
    public void AClosedSignedPoolOrForeignLeadOffersNothingButItsProject()
    {
        var signed = Lead() with
        {
            DesignerId = "d1", Open = false, Status = LeadStatus.Signed, Colour = "red", ProjectId = "s1-p1",
            Contract = new SigningRecord(90000m, "孙女士", At),
        };

        Assert.Equal(["project"], LeadActions.For(Manager, signed, measured: true).ToArray());
        Assert.Empty(LeadActions.For(Manager, signed with { ProjectId = null }, measured: true));
        Assert.Empty(LeadActions.For(Manager, Lead() with { StoreId = null }, measured: false));
        Assert.Empty(LeadActions.For(OtherStoresManager, Lead(), measured: false));
    }

    private static LeadView Lead() => new(
        "s1-l1", "s1", "c1", 1, "孙女士", "13912345678", VisitChannel.WalkIn, "m1", null, LeadStatus.Normal, "black",
        Open: true, Queued: false, At, [], [], [], null, null, null, [], [], null, null, null);
}
