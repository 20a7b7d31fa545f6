using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>Whoever signs first owns the customer, per project (DOMAIN §5), and when a signing frees a slot (§4).</summary>
public sealed class ProjectRulesTests
{
    private const string Customer = "c-0123456789abcdef0123";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public void TheFirstDepositOpensProjectOneOwnedByItsLead()
    {
        var verdict = ProjectRules.Sign(null, 0, Customer, Deposit("sa-1", "sa"));

        Assert.True(verdict.Accepted);
        Assert.True(verdict.Opened);
        Assert.Equal($"{Customer}-p1", verdict.Project.ProjectId);
        Assert.Equal(ProjectStatus.Open, verdict.Project.Status);
        Assert.Equal(new CustomerOwner("sa", "sa-m1", "sa-d1", "sa-1", _clock.GetUtcNow(), $"{Customer}-p1"), verdict.Project.Owner);
        Assert.Equal((5000m, (decimal?)null, (DateTimeOffset?)null), (verdict.Project.DepositAmount, verdict.Project.ContractAmount, verdict.Project.ContractAt));
    }

    [Fact]
    public void AnotherLeadIsRefusedWhileTheProjectIsOpenAndLearnsTheOwner()
    {
        var open = ProjectRules.Sign(null, 0, Customer, Deposit("sa-1", "sa")).Project;
        _clock.Advance(TimeSpan.FromMinutes(1));

        var verdict = ProjectRules.Sign(open, 1, Customer, Deposit("sb-1", "sb"));

        Assert.False(verdict.Accepted);
        Assert.Equal(open.Owner, verdict.Project.Owner);
    }

    [Fact]
    public void AContractAfterTheDepositKeepsTheSameProject()
    {
        var open = ProjectRules.Sign(null, 0, Customer, Deposit("sa-1", "sa")).Project;
        _clock.Advance(TimeSpan.FromDays(3));

        var verdict = ProjectRules.Sign(open, 1, Customer, Contract("sa-1", "sa"));

        Assert.True(verdict.Accepted);
        Assert.False(verdict.Opened);
        Assert.Equal(open.ProjectId, verdict.Project.ProjectId);
        Assert.Equal(open.Owner, verdict.Project.Owner);
        Assert.Equal((200000m, (DateTimeOffset?)_clock.GetUtcNow()), (verdict.Project.ContractAmount, verdict.Project.ContractAt));
    }

    [Fact]
    public void AContractWithoutADepositOpensTheProjectItself()
    {
        var verdict = ProjectRules.Sign(null, 0, Customer, Contract("sa-1", "sa"));

        Assert.True(verdict.Opened);
        Assert.Equal((200000m, (DateTimeOffset?)_clock.GetUtcNow(), (decimal?)null), (verdict.Project.ContractAmount, verdict.Project.ContractAt, verdict.Project.DepositAmount));
    }

    [Fact]
    public void CompletionEndsTheOwnershipAndTheNextSigningOpensProjectTwoForAnotherLead()
    {
        var signed = ProjectRules.Sign(null, 0, Customer, Contract("sa-1", "sa")).Project;
        _clock.Advance(TimeSpan.FromDays(90));

        var completed = ProjectRules.Complete(signed, signed.ProjectId, _clock.GetUtcNow(), "sup");
        _clock.Advance(TimeSpan.FromDays(400));
        var next = ProjectRules.Sign(completed, 1, Customer, Deposit("sb-7", "sb"));

        Assert.Equal((ProjectStatus.Completed, (DateTimeOffset?)signed.OpenedAt.AddDays(90), "completed", "sup"), (completed.Status, completed.EndedAt, completed.EndReason, completed.EndedBy));
        Assert.True(next.Accepted && next.Opened);
        Assert.Equal(($"{Customer}-p2", "sb", "sb-7"), (next.Project.ProjectId, next.Project.Owner.StoreId, next.Project.Owner.LeadId));
    }

    [Fact]
    public void AProjectWithOnlyADepositCannotBeCompleted()
    {
        var open = ProjectRules.Sign(null, 0, Customer, Deposit("sa-1", "sa")).Project;

        var refusal = Assert.Throws<CrmException>(() => ProjectRules.Complete(open, open.ProjectId, _clock.GetUtcNow(), "sup"));

        Assert.Equal((CrmErrorKind.Conflict, "projectId"), (refusal.Kind, refusal.Field));
    }

    [Fact]
    public void AnEndedProjectCannotBeCompletedAgainAndAnUnknownOneIsNotFound()
    {
        var signed = ProjectRules.Sign(null, 0, Customer, Contract("sa-1", "sa")).Project;
        var completed = ProjectRules.Complete(signed, signed.ProjectId, _clock.GetUtcNow(), "sup");

        var again = Assert.Throws<CrmException>(() => ProjectRules.Complete(completed, completed.ProjectId, _clock.GetUtcNow(), "sup"));
        var unknown = Assert.Throws<CrmException>(() => ProjectRules.Complete(null, $"{Customer}-p9", _clock.GetUtcNow(), "sup"));

        Assert.Equal(CrmErrorKind.Conflict, again.Kind);
        Assert.Equal(CrmErrorKind.NotFound, unknown.Kind);
    }

    [Theory]
    [InlineData(CloseReasons.DepositRefunded)]
    [InlineData(CloseReasons.DepositForfeited)]
    public void ARefundedOrForfeitedDepositReleasesTheProject(string reason)
    {
        var open = ProjectRules.Sign(null, 0, Customer, Deposit("sa-1", "sa")).Project;
        _clock.Advance(TimeSpan.FromDays(5));

        var released = ProjectRules.Release(open, open.ProjectId, "sa-1", reason, _clock.GetUtcNow(), "sup");
        var next = ProjectRules.Sign(released, 1, Customer, Deposit("sb-1", "sb"));

        Assert.Equal((ProjectStatus.Released, reason, (DateTimeOffset?)_clock.GetUtcNow()), (released.Status, released.EndReason, released.EndedAt));
        Assert.True(next.Accepted && next.Opened);
    }

    [Fact]
    public void ASignedContractIsNotRefundable()
    {
        var signed = ProjectRules.Sign(null, 0, Customer, Contract("sa-1", "sa")).Project;

        var refusal = Assert.Throws<CrmException>(() => ProjectRules.Release(signed, signed.ProjectId, "sa-1", CloseReasons.DepositRefunded, _clock.GetUtcNow(), "sup"));

        Assert.Equal(CrmErrorKind.Conflict, refusal.Kind);
    }

    [Fact]
    public void OnlyTheOwningLeadReleasesAndOnlyForADepositEndingReason()
    {
        var open = ProjectRules.Sign(null, 0, Customer, Deposit("sa-1", "sa")).Project;

        var otherLead = Assert.Throws<CrmException>(() => ProjectRules.Release(open, open.ProjectId, "sb-1", CloseReasons.DepositRefunded, _clock.GetUtcNow(), "sup"));
        var badReason = Assert.Throws<CrmException>(() => ProjectRules.Release(open, open.ProjectId, "sa-1", CloseReasons.Price, _clock.GetUtcNow(), "sup"));

        Assert.Equal((CrmErrorKind.Conflict, "leadId"), (otherLead.Kind, otherLead.Field));
        Assert.Equal((CrmErrorKind.Invalid, "reason"), (badReason.Kind, badReason.Field));
        Assert.Contains(CloseReasons.DepositForfeited, badReason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SlotFreedAt.Contract, false, false)]
    [InlineData(SlotFreedAt.Contract, true, true)]
    [InlineData(SlotFreedAt.Deposit, false, true)]
    [InlineData(SlotFreedAt.Deposit, true, true)]
    public void TheSlotIsFreedAtTheContractUnlessConfiguredForTheDeposit(SlotFreedAt freedAt, bool contract, bool frees)
    {
        Assert.Equal(frees, freedAt.FreesSlot(contract));
        Assert.Equal(SlotFreedAt.Contract, new RulesOptions().SlotFreedAt);
    }

    [Fact]
    public void AProjectIdNamesItsCustomer()
    {
        Assert.Equal(Customer, ProjectIds.CustomerOf(ProjectIds.For(Customer, 12)));
        Assert.Null(ProjectIds.CustomerOf("sa-12"));
        Assert.Null(ProjectIds.CustomerOf($"{Customer}-p0"));
        Assert.Null(ProjectIds.CustomerOf($"{Customer}-px"));
    }

    private SignRequest Deposit(string leadId, string storeId) =>
        new(leadId, storeId, $"{storeId}-m1", $"{storeId}-d1", _clock.GetUtcNow(), Contract: false, 5000m);

    private SignRequest Contract(string leadId, string storeId) =>
        new(leadId, storeId, $"{storeId}-m1", $"{storeId}-d1", _clock.GetUtcNow(), Contract: true, 200000m);
}
