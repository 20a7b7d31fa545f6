using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// Effects that cross grains without a call cycle: only store → customer and pool → customer calls are awaited inside a
/// turn, everything else goes one way and is repeated until acknowledged. Orleans does not detect call cycles (a cycle
/// waits for the response timeout), so these clusters run with a 2 s response timeout: every answer arriving is the
/// proof that no call waited on a cycle.
/// </summary>
public sealed class CrossGrainEffectsTests
{
    private static readonly TimeSpan CycleDetector = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task DepositsOnOneCustomerInTwoGroupsOfOneStoreAnswerAndTheFirstClosesTheOther()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, responseTimeout: CycleDetector);
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync();
        var phone = Chain.NewPhone();
        var (first, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1", phone, appointmentWith: $"{store}-m1");
        var (second, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m2", phone, appointmentWith: $"{store}-m2");
        Assert.Equal("cross-group", Assert.Single(second.Conflicts).Kind);

        var answers = await Task.WhenAll(
            chain.Store(store).RecordDepositAsync(first.LeadId, new RecordDeposit(3000, "王小明")),
            chain.Store(store).RecordDepositAsync(second.LeadId, new RecordDeposit(3000, "王小明")));

        var winner = Assert.Single(answers, a => a.Accepted);
        var loserId = winner.LeadId == first.LeadId ? second.LeadId : first.LeadId;
        var loser = await chain.LeadAsync(loserId);
        Assert.Equal((false, LeadStatus.Lost), (loser.Open, loser.Status));
        Assert.Equal(winner.LeadId, (await chain.Grains.GetGrain<ICustomerGrain>(first.CustomerId).GetAsync())!.Owner!.LeadId);
    }

    [Fact]
    public async Task TheFirstDepositClosesTheRivalLeadAtAnotherStoreWithoutItsStoreTrying()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, responseTimeout: CycleDetector);
        var chain = new Chain(cluster.Client);
        var (a, b) = (await chain.NewStoreAsync(), await chain.NewStoreAsync());
        var phone = Chain.NewPhone();
        var (atA, _) = await chain.VisitAndDispatchAsync(a, $"{a}-m1", phone);
        var (atB, dispatchB) = await chain.VisitAndDispatchAsync(b, $"{b}-m1", phone);

        var won = await chain.Store(a).RecordDepositAsync(atA.LeadId, new RecordDeposit(5000, "王小明"));

        Assert.True(won.Accepted);
        var closed = await Eventually.GetAsync(() => chain.LeadAsync(atB.LeadId), l => !l.Open, "the rival lead at store B is closed");
        Assert.Equal(LeadStatus.Lost, closed.Status);
        Assert.Contains(a, closed.ClosedReason, StringComparison.Ordinal);
        Assert.Empty(await chain.HoldingAsync(dispatchB.DesignerId!));
        var board = await chain.Store(b).GetBoardAsync();
        Assert.Equal("grey", board.TodayLeads.Single(l => l.LeadId == atB.LeadId).Colour);

        // B trying now gets the refusal naming the owner, as if it had raced.
        var late = await chain.Store(b).RecordDepositAsync(atB.LeadId, new RecordDeposit(5000, "王小明"));
        Assert.Equal((false, atA.LeadId), (late.Accepted, late.Owner.LeadId));
    }

    [Fact]
    public async Task TwoStoresWorkingEachOthersCustomersCrosswiseAllAnswer()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, responseTimeout: CycleDetector);
        var chain = new Chain(cluster.Client);
        var (a, b) = (await chain.NewStoreAsync(), await chain.NewStoreAsync());
        var customers = Enumerable.Range(0, 6).Select(_ => Chain.NewPhone()).ToArray();
        var leads = new List<(string Store, string Lead, string Phone)>();
        foreach (var phone in customers)
        {
            foreach (var store in new[] { a, b })
            {
                var (visit, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1", phone);
                leads.Add((store, visit.LeadId, phone));
            }
        }

        // Each store deposits on every lead it has, all at once: each customer is contested crosswise by both stores.
        var race = new RaceProbe();
        var answers = leads.Select(l => race.Enlist(async () => (l.Phone, Answer: await chain.Store(l.Store).RecordDepositAsync(l.Lead, new RecordDeposit(1000, "客户"))))).ToList();
        race.Go();
        var outcomes = await Task.WhenAll(answers);

        Assert.True(race.MaxInFlight >= 3, $"only {race.MaxInFlight} deposits were in flight together");
        foreach (var customer in outcomes.GroupBy(o => o.Phone))
        {
            var winner = Assert.Single(customer, o => o.Answer.Accepted).Answer;
            Assert.All(customer, o => Assert.Equal(winner.LeadId, o.Answer.Owner.LeadId));
        }

        foreach (var (_, lead, _) in leads.Where(l => !outcomes.Any(o => o.Answer.Accepted && o.Answer.LeadId == l.Lead)))
        {
            await Eventually.UntilAsync(async () => !(await chain.LeadAsync(lead)).Open, $"lead {lead} is closed as lost to the owner");
        }
    }
}
