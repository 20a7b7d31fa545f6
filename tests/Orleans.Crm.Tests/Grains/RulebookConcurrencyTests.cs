using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// The rulebook's races on a two-silo Orleans cluster with the ADO.NET storage on PostgreSQL: calls released at once
/// from both silos, whatever the interleaving, leave exactly one winner. Each test also asserts that the calls were in
/// flight together (the race happened), and reads the outcome back from storage after every activation was collected.
/// </summary>
public sealed class RulebookConcurrencyTests
{
    [Fact]
    public async Task SixtyFourManagersFromEightStoresClaimingOneLeadLeaveOneWinnerAndSixtyThreeRefusalsNamingIt()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, silos: 2);
        var chain = new Chain(cluster.Client);
        var stores = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var store = Chain.NewStoreId();
            await chain.Store(store).ConfigureAsync(Chain.Setup(store, groups: 8));
            stores.Add(store);
        }

        var managers = stores.SelectMany(s => Enumerable.Range(1, 8).Select(g => (Store: s, Manager: $"{s}-m{g}"))).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var posted = await chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).PostAsync(new PostPoolLead("抢单客户", Chain.NewPhone(), VisitChannel.Web));
            var race = new RaceProbe();
            var claims = managers.Select((m, i) => race.Enlist(() =>
                cluster.GrainFactoryOf(cluster.Silos[i % 2]).GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).ClaimAsync(posted.LeadId, m.Manager, m.Store, $"claim-{posted.LeadId}-{m.Manager}"))).ToArray();
            race.Go();
            var outcomes = await Task.WhenAll(claims);

            var winner = Assert.Single(outcomes, o => o.Claimed);
            var refusals = outcomes.Where(o => !o.Claimed).ToList();
            Assert.Equal(63, refusals.Count);
            Assert.All(refusals, r => Assert.Equal(("already_claimed", winner.ManagerId, winner.StoreId), (r.Refusal, r.ClaimedBy?.ManagerId, r.ClaimedBy?.StoreId)));
            Assert.True(race.MaxInFlight >= 16, $"only {race.MaxInFlight} claims were in flight together: they did not race");
            Assert.Equal(winner.StoreId, (await chain.LeadAsync(posted.LeadId)).StoreId);
        }
    }

    [Fact]
    public async Task TheDailyClaimLimitHoldsExactlyUnderRacingClaims()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, silos: 2);
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync(groups: 1);
        var pool = chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var leads = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            leads.Add((await pool.PostAsync(new PostPoolLead($"客户{i}", Chain.NewPhone(), VisitChannel.Batch))).LeadId);
        }

        var race = new RaceProbe();
        var claims = leads.Select((lead, i) => race.Enlist(() =>
            cluster.GrainFactoryOf(cluster.Silos[i % 2]).GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).ClaimAsync(lead, $"{store}-m1", store))).ToArray();
        race.Go();
        var outcomes = await Task.WhenAll(claims);

        Assert.True(10 == outcomes.Count(o => o.Claimed), string.Join("\n", outcomes.Select(o => $"{o.LeadId} {o.Claimed} {o.Refusal} {o.Message}")));
        Assert.All(outcomes.Where(o => !o.Claimed), o => Assert.Equal("daily_limit", o.Refusal));
        Assert.True(race.MaxInFlight >= 4, $"only {race.MaxInFlight} claims were in flight together");
        await cluster.CollectAllActivationsAsync();
        Assert.Equal(new ManagerClaims(10, 10), await pool.GetManagerClaimsAsync($"{store}-m1"));
    }

    [Fact]
    public async Task AHundredConcurrentDispatchesAimedAtOneDesignerWithCapTwoLetExactlyTwoThrough()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, silos: 2);
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync();
        var target = $"{store}-g2-d1";
        var leads = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            leads.Add((await chain.VisitAsync(store)).LeadId);
        }

        var race = new RaceProbe();
        var dispatches = leads.Select((lead, i) => race.Enlist(() =>
            new Chain(cluster.GrainFactoryOf(cluster.Silos[i % 2])).DispatchAsync(store, lead, $"{store}-m{(i % 3) + 1}", target, "the customer asked for the senior designer"))).ToArray();
        race.Go();
        var outcomes = await Task.WhenAll(dispatches);

        Assert.Equal(2, outcomes.Count(o => o.Result == DispatchOutcome.Dispatched));
        Assert.Equal(98, outcomes.Count(o => o.Result == DispatchOutcome.Rejected));
        Assert.True(race.MaxInFlight >= 16, $"only {race.MaxInFlight} dispatches were in flight together");
        await cluster.CollectAllActivationsAsync();
        var designer = await chain.DesignerAsync(target);
        Assert.Equal(2, designer.Holding.Length);
        Assert.Equal(outcomes.Where(o => o.Result == DispatchOutcome.Dispatched).Select(o => o.LeadId).Order(), designer.Holding.Order());
    }

    [Fact]
    public async Task TenStoresDepositingOnTheSameCustomerAtOnceLeaveOneOwnerAndNineRefusalsNamingIt()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, silos: 2);
        var chain = new Chain(cluster.Client);
        var phone = Chain.NewPhone();
        var leads = new List<(string Store, string Lead)>();
        for (var i = 0; i < 10; i++)
        {
            var store = await chain.NewStoreAsync(groups: 1);
            var (visit, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1", phone);
            leads.Add((store, visit.LeadId));
        }

        var race = new RaceProbe();
        var deposits = leads.Select((l, i) => race.Enlist(() =>
            cluster.GrainFactoryOf(cluster.Silos[i % 2]).GetGrain<IStoreGrain>(l.Store).RecordDepositAsync(l.Lead, new RecordDeposit(5000, "王小明")))).ToArray();
        race.Go();
        var outcomes = await Task.WhenAll(deposits);

        var winner = Assert.Single(outcomes, o => o.Accepted);
        Assert.Equal(9, outcomes.Count(o => !o.Accepted));
        Assert.All(outcomes, o => Assert.Equal((winner.LeadId, winner.Owner.StoreId), (o.Owner.LeadId, o.Owner.StoreId)));
        Assert.True(race.MaxInFlight >= 3, $"only {race.MaxInFlight} deposits were in flight together");
        await cluster.CollectAllActivationsAsync();
        var customer = await chain.Grains.GetGrain<ICustomerGrain>((await chain.LeadAsync(winner.LeadId)).CustomerId).GetAsync();
        Assert.Equal(winner.LeadId, customer!.Owner!.LeadId);
        Assert.Equal([winner.LeadId], customer.OpenLeadIds.ToArray());
        foreach (var loser in outcomes.Where(o => !o.Accepted))
        {
            var lead = await chain.LeadAsync(loser.LeadId);
            Assert.Equal((false, LeadStatus.Lost), (lead.Open, lead.Status));
        }
    }
}
