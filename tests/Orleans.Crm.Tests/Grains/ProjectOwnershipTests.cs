using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// Signing as the handbook runs it, on a two-silo cluster: the slot is freed at the contract (每签一单补一单), the first
/// deposit or contract opens a project that owns the customer and closes every other open lead of theirs as lost to the
/// owner, and completion or a refunded/forfeited deposit frees the customer for a new project. Tests that read the journal
/// run on PostgreSQL, whose journal all silos share (the in-memory journal is one per silo).
/// </summary>
public sealed class ProjectOwnershipTests
{
    /// <summary>The rulebook's promise for the rival leads when no silo dies.</summary>
    private static readonly TimeSpan ClosedWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ADepositKeepsTheDesignersSlotAndTheContractFreesIt()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory);
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync(groups: 1);
        var (visit, dispatch) = await chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var designer = dispatch.DesignerId!;

        var deposit = await chain.Store(store).RecordDepositAsync(visit.LeadId, new RecordDeposit(5000, "王小明"));
        var holdingAfterDeposit = await chain.HoldingAsync(designer);
        var contract = await chain.Store(store).RecordContractAsync(visit.LeadId, new RecordContract(180000, "王小明"));

        Assert.True(deposit.Accepted && contract.Accepted);
        Assert.Equal([visit.LeadId], holdingAfterDeposit);
        Assert.Empty(await chain.HoldingAsync(designer));
    }

    [Fact]
    public async Task WithSlotFreedAtDepositTheDepositFreesTheSlot()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, settings: new Dictionary<string, string?> { ["Rules:SlotFreedAt"] = "deposit" });
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync(groups: 1);
        var (visit, dispatch) = await chain.VisitAndDispatchAsync(store, $"{store}-m1");

        Assert.True((await chain.Store(store).RecordDepositAsync(visit.LeadId, new RecordDeposit(5000, "王小明"))).Accepted);

        Assert.Empty(await chain.HoldingAsync(dispatch.DesignerId!));
    }

    [Fact]
    public async Task TheFirstDepositOpensAProjectAndClosesEveryOtherOpenLeadInAnyGroupAndStoreAsOwnedElsewhere()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres);
        var chain = new Chain(cluster.Client);
        var (a, b) = (await chain.NewStoreAsync(groups: 2), await chain.NewStoreAsync(groups: 1));
        var phone = Chain.NewPhone();
        var (won, wonDispatch) = await chain.VisitAndDispatchAsync(a, $"{a}-m1", phone, appointmentWith: $"{a}-m1");
        var (otherGroup, otherGroupDispatch) = await chain.VisitAndDispatchAsync(a, $"{a}-m2", phone, appointmentWith: $"{a}-m2");
        var (otherStore, otherStoreDispatch) = await chain.VisitAndDispatchAsync(b, $"{b}-m1", phone);
        var boardB = (await chain.Store(b).GetBoardAsync()).Sequence;

        var answer = await chain.Store(a).RecordDepositAsync(won.LeadId, new RecordDeposit(5000, "王小明"));

        Assert.True(answer.Accepted);
        var projectId = answer.Owner.ProjectId!;
        Assert.Equal(ProjectIds.For(won.CustomerId, 1), projectId);
        Assert.Equal(projectId, (await chain.LeadAsync(won.LeadId)).ProjectId);
        var owner = new CustomerOwner(a, $"{a}-m1", wonDispatch.DesignerId, won.LeadId, answer.Owner.At, projectId);
        Assert.Equal(owner, answer.Owner);
        foreach (var (rival, designer) in new[] { (otherGroup.LeadId, otherGroupDispatch.DesignerId!), (otherStore.LeadId, otherStoreDispatch.DesignerId!) })
        {
            var closed = await Eventually.GetAsync(() => chain.LeadAsync(rival), l => !l.Open, $"rival {rival} is closed", ClosedWithin);
            Assert.Equal((LeadStatus.Lost, CloseReasons.OwnedElsewhere, owner), (closed.Status, closed.CloseReason, closed.OwnedBy));

            // (The other group's lead went back to the winner's designer as a return customer: the deposit keeps that slot.)
            Assert.DoesNotContain(rival, await chain.HoldingAsync(designer));
        }

        var events = await chain.Store(b).GetEventsAsync(boardB, 100);
        Assert.Contains(events.Events, e => e.Type == "lead-closed" && e.Change.Lead?.LeadId == otherStore.LeadId);
        var reports = chain.Grains.GetGrain<IReportsGrain>(0);
        Assert.Equal(1, await reports.CountStoreEventsAsync(a, JournalKinds.ProjectOpened));
        Assert.Equal(1, await reports.CountStoreEventsAsync(b, JournalKinds.LeadClosed));
    }

    [Fact]
    public async Task AContractAfterTheDepositKeepsTheProjectAndAContractWithoutDepositOpensOne()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory);
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync(groups: 1);
        var (first, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var (second, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1");

        var deposit = await chain.Store(store).RecordDepositAsync(first.LeadId, new RecordDeposit(5000, "王小明"));
        var contract = await chain.Store(store).RecordContractAsync(first.LeadId, new RecordContract(200000, "王小明"));
        var direct = await chain.Store(store).RecordContractAsync(second.LeadId, new RecordContract(90000, "王小明"));

        Assert.Equal(deposit.Owner.ProjectId, contract.Owner.ProjectId);
        Assert.Equal(contract.Owner.ProjectId, (await chain.LeadAsync(first.LeadId)).ProjectId);
        Assert.Equal(ProjectIds.For(second.CustomerId, 1), direct.Owner.ProjectId);
        var project = (await chain.Grains.GetGrain<ICustomerGrain>(first.CustomerId).GetProjectAsync(deposit.Owner.ProjectId!))!;
        Assert.Equal((ProjectStatus.Open, (decimal?)5000, (decimal?)200000), (project.Status, project.DepositAmount, project.ContractAmount));
    }

    [Fact]
    public async Task ACompletedProjectFreesTheCustomerAndTheFirstSignerAmongTheNewLeadsOwnsProjectTwo()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, clock: clock);
        var chain = new Chain(cluster.Client);
        var (a, b) = (await chain.NewStoreAsync(groups: 1), await chain.NewStoreAsync(groups: 1));
        var phone = Chain.NewPhone();
        var (first, _) = await chain.VisitAndDispatchAsync(a, $"{a}-m1", phone);
        var signed = await chain.Store(a).RecordContractAsync(first.LeadId, new RecordContract(200000, "王小明"));
        var customer = chain.Grains.GetGrain<ICustomerGrain>(first.CustomerId);

        // While the project is open, a new lead elsewhere cannot sign.
        var (early, _) = await chain.VisitAndDispatchAsync(b, $"{b}-m1", phone);
        var refused = await chain.Store(b).RecordDepositAsync(early.LeadId, new RecordDeposit(3000, "王小明"));
        Assert.Equal((false, first.LeadId), (refused.Accepted, refused.Owner.LeadId));

        clock.Advance(TimeSpan.FromDays(120));
        var completed = await customer.CompleteProjectAsync(signed.Owner.ProjectId!, "sup-a", "complete-1");
        var again = await customer.CompleteProjectAsync(signed.Owner.ProjectId!, "sup-a", "complete-1");
        Assert.Equal((ProjectStatus.Completed, (DateTimeOffset?)clock.GetUtcNow()), (completed.Status, completed.EndedAt));
        Assert.Equal(completed, again);
        Assert.Null((await customer.GetAsync())!.Owner);

        // The customer comes back for another flat: two new leads at two stores race; the first signer owns project 2.
        var (atA, _) = await chain.VisitAndDispatchAsync(a, $"{a}-m1", phone);
        var (atB, _) = await chain.VisitAndDispatchAsync(b, $"{b}-m1", phone);
        var answers = await Task.WhenAll(
            chain.Store(a).RecordDepositAsync(atA.LeadId, new RecordDeposit(5000, "王小明")),
            chain.Store(b).RecordDepositAsync(atB.LeadId, new RecordDeposit(5000, "王小明")));

        var winner = Assert.Single(answers, x => x.Accepted);
        Assert.Equal(ProjectIds.For(first.CustomerId, 2), winner.Owner.ProjectId);
        Assert.All(answers, x => Assert.Equal(winner.Owner, x.Owner));
        var reports = chain.Grains.GetGrain<IReportsGrain>(0);
        Assert.Equal(1, await reports.CountStoreEventsAsync(a, JournalKinds.ProjectCompleted));
    }

    [Theory]
    [InlineData(CloseReasons.DepositRefunded)]
    [InlineData(CloseReasons.DepositForfeited)]
    public async Task ARefundedOrForfeitedDepositClosesTheLeadFreesTheSlotAndReleasesTheCustomer(string reason)
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres);
        var chain = new Chain(cluster.Client);
        var (a, b) = (await chain.NewStoreAsync(groups: 1), await chain.NewStoreAsync(groups: 1));
        var phone = Chain.NewPhone();
        var (visit, dispatch) = await chain.VisitAndDispatchAsync(a, $"{a}-m1", phone);
        var deposit = await chain.Store(a).RecordDepositAsync(visit.LeadId, new RecordDeposit(5000, "王小明"));

        // Ordinary closing refuses a lead holding a deposit.
        var refused = await Assert.ThrowsAsync<CrmException>(() => chain.Store(a).CloseLeadAsync(visit.LeadId, new CloseLead(LeadOutcome.Lost, CloseReasons.Price, "found it too dear")));
        Assert.Equal(CrmErrorKind.Conflict, refused.Kind);

        var closed = await chain.Store(a).EndDepositAsync(visit.LeadId, reason, "customer moved abroad", "sup-a", "end-1");
        var repeat = await chain.Store(a).EndDepositAsync(visit.LeadId, reason, "customer moved abroad", "sup-a", "end-1");

        Assert.Equal((false, LeadStatus.Lost, reason), (closed.Open, closed.Status, closed.CloseReason));
        Assert.Equal(closed.ClosedAt, repeat.ClosedAt);
        Assert.Empty(await chain.HoldingAsync(dispatch.DesignerId!));
        var customer = chain.Grains.GetGrain<ICustomerGrain>(visit.CustomerId);
        Assert.Null((await customer.GetAsync())!.Owner);
        var project = (await customer.GetProjectAsync(deposit.Owner.ProjectId!))!;
        Assert.Equal((ProjectStatus.Released, reason, "sup-a"), (project.Status, project.EndReason, project.EndedBy));

        var (again, _) = await chain.VisitAndDispatchAsync(b, $"{b}-m1", phone);
        var next = await chain.Store(b).RecordDepositAsync(again.LeadId, new RecordDeposit(4000, "王小明"));
        Assert.Equal((true, ProjectIds.For(visit.CustomerId, 2)), (next.Accepted, next.Owner.ProjectId));
        Assert.Equal(1, await chain.Grains.GetGrain<IReportsGrain>(0).CountStoreEventsAsync(a, JournalKinds.ProjectReleased));
    }

    [Fact]
    public async Task EndingADepositThatIsNotThereOrWithAnotherReasonChangesNothing()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory);
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync(groups: 1);
        var (plain, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var (deposited, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1");
        await chain.Store(store).RecordDepositAsync(deposited.LeadId, new RecordDeposit(5000, "王小明"));
        var before = (await chain.Store(store).GetBoardAsync()).Sequence;

        var noDeposit = await Assert.ThrowsAsync<CrmException>(() => chain.Store(store).EndDepositAsync(plain.LeadId, CloseReasons.DepositRefunded, null, "sup"));
        var wrongReason = await Assert.ThrowsAsync<CrmException>(() => chain.Store(store).EndDepositAsync(deposited.LeadId, CloseReasons.Price, null, "sup"));

        Assert.Equal((CrmErrorKind.Conflict, CrmErrorKind.Invalid), (noDeposit.Kind, wrongReason.Kind));
        Assert.Equal(before, (await chain.Store(store).GetBoardAsync()).Sequence);
        Assert.True((await chain.LeadAsync(deposited.LeadId)).Open);
        Assert.NotNull((await chain.Grains.GetGrain<ICustomerGrain>(deposited.CustomerId).GetAsync())!.Owner);
    }
}
