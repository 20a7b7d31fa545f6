using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Runtime;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// The rulebook's races on PostgreSQL with two runtime instances (separate activations and caches): whatever the
/// interleaving, PostgreSQL's version checks leave exactly one winner. Each test also asserts that conflicts were
/// observed, i.e. that the race really happened.
/// </summary>
public sealed class RulebookConcurrencyTests
{
    [Fact]
    public async Task SixtyFourManagersFromEightStoresClaimingOneLeadLeaveOneWinnerAndSixtyThreeRefusalsNamingIt()
    {
        await using var cluster = await TestCluster.StartAsync(StorageKind.Postgres, silos: 2);
        var chains = cluster.Silos.Select(s => new Chain(s.GrainFactory)).ToArray();
        var stores = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var store = Chain.NewStoreId();
            await chains[0].Store(store).ConfigureAsync(Chain.Setup(store, groups: 8));
            stores.Add(store);
        }

        var managers = stores.SelectMany(s => Enumerable.Range(1, 8).Select(g => $"{s}-m{g}")).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var posted = await chains[0].Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).PostAsync(new PostPoolLead("抢单客户", Chain.NewPhone(), VisitChannel.Web));
            using var start = new ManualResetEventSlim();
            var claims = managers.Select((manager, i) => Task.Run(async () =>
            {
                start.Wait();
                using (RequestContext.WithCommandId($"claim-{posted.LeadId}-{manager}"))
                {
                    return await chains[i % 2].Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).ClaimAsync(posted.LeadId, manager);
                }
            })).ToArray();
            start.Set();
            var outcomes = await Task.WhenAll(claims);

            var winner = Assert.Single(outcomes, o => o.Claimed);
            var refusals = outcomes.Where(o => !o.Claimed).ToList();
            Assert.Equal(63, refusals.Count);
            Assert.All(refusals, r => Assert.Equal(("already_claimed", winner.ManagerId, winner.StoreId), (r.Refusal, r.ClaimedBy?.ManagerId, r.ClaimedBy?.StoreId)));
            var lead = await chains[1].Grains.GetGrain<ILeadGrain>(posted.LeadId).GetAsync();
            Assert.Equal(winner.StoreId, lead!.StoreId);
        }

        Assert.True(cluster.Silos.Sum(s => s.Runtime.Statistics.Conflicts) > 0, "no version conflict was observed: the claims did not race");
    }

    [Fact]
    public async Task TheDailyClaimLimitHoldsExactlyUnderRacingClaims()
    {
        await using var cluster = await TestCluster.StartAsync(StorageKind.Postgres, silos: 2);
        var chain = new Chain(cluster[0].GrainFactory);
        var store = await chain.NewStoreAsync(groups: 1);
        var pool = chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var leads = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            leads.Add((await pool.PostAsync(new PostPoolLead($"客户{i}", Chain.NewPhone(), VisitChannel.Batch))).LeadId);
        }

        var outcomes = await Task.WhenAll(leads.Select((lead, i) => Task.Run(() =>
            cluster.Silos[i % 2].GrainFactory.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).ClaimAsync(lead, $"{store}-m1"))));

        Assert.True(10 == outcomes.Count(o => o.Claimed), string.Join("\n", outcomes.Select(o => $"{o.LeadId} {o.Claimed} {o.Refusal} {o.Message}")));
        Assert.All(outcomes.Where(o => !o.Claimed), o => Assert.Equal("daily_limit", o.Refusal));
        Assert.Equal(10, (await chain.Grains.GetGrain<IAccountManagerGrain>($"{store}-m1").GetAsync())!.OpenClaims);
        Assert.True(cluster.Silos.Sum(s => s.Runtime.Statistics.Conflicts) > 0, "no version conflict was observed");
    }

    [Fact]
    public async Task AHundredConcurrentDispatchesAimedAtOneDesignerWithCapTwoLetExactlyTwoThrough()
    {
        await using var cluster = await TestCluster.StartAsync(StorageKind.Postgres, silos: 2);
        var chain = new Chain(cluster[0].GrainFactory);
        var store = await chain.NewStoreAsync();
        var target = $"{store}-g2-d1";
        var leads = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            leads.Add((await chain.VisitAsync(store)).LeadId);
        }

        using var start = new ManualResetEventSlim();
        var dispatches = leads.Select((lead, i) => Task.Run(async () =>
        {
            start.Wait();
            var other = new Chain(cluster.Silos[i % 2].GrainFactory);
            return await other.DispatchAsync(store, lead, $"{store}-m{(i % 3) + 1}", target, "the customer asked for the senior designer");
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(dispatches);

        Assert.Equal(2, outcomes.Count(o => o.Result == DispatchOutcome.Dispatched));
        Assert.Equal(98, outcomes.Count(o => o.Result == DispatchOutcome.Rejected));
        await cluster[0].Runtime.DeactivateAllAsync();
        var designer = await chain.Grains.GetGrain<IDesignerGrain>(target).GetAsync();
        Assert.Equal(2, designer!.Holding.Count);
        Assert.Equal(outcomes.Where(o => o.Result == DispatchOutcome.Dispatched).Select(o => o.LeadId).Order(), designer.Holding.Order());

        // Refused overrides change nothing, so the losing silo learns of the winner either at its commit (a version
        // conflict) or when its read-only answer is validated (a stale read): either proves the two silos raced.
        Assert.True(
            cluster.Silos.Sum(s => s.Runtime.Statistics.Conflicts + s.Runtime.Statistics.StaleReads) > 0,
            "neither a version conflict nor a stale read was observed: the silos did not race");
    }

    [Fact]
    public async Task TenStoresDepositingOnTheSameCustomerAtOnceLeaveOneOwnerAndNineRefusalsNamingIt()
    {
        await using var cluster = await TestCluster.StartAsync(StorageKind.Postgres, silos: 2);
        var chain = new Chain(cluster[0].GrainFactory);
        var phone = Chain.NewPhone();
        var leads = new List<(string Store, string Lead)>();
        for (var i = 0; i < 10; i++)
        {
            var store = await chain.NewStoreAsync(groups: 1);
            var (visit, _) = await chain.VisitAndDispatchAsync(store, $"{store}-m1", phone);
            leads.Add((store, visit.LeadId));
        }

        using var start = new ManualResetEventSlim();
        var deposits = leads.Select((l, i) => Task.Run(async () =>
        {
            start.Wait();
            return await cluster.Silos[i % 2].GrainFactory.GetGrain<IStoreGrain>(l.Store).RecordDepositAsync(l.Lead, new RecordDeposit(5000, "王小明"));
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(deposits);

        var winner = Assert.Single(outcomes, o => o.Accepted);
        Assert.Equal(9, outcomes.Count(o => !o.Accepted));
        Assert.All(outcomes, o => Assert.Equal((winner.LeadId, winner.Owner.StoreId), (o.Owner.LeadId, o.Owner.StoreId)));
        await cluster[0].Runtime.DeactivateAllAsync();
        var customer = await chain.Grains.GetGrain<ICustomerGrain>((await chain.Grains.GetGrain<ILeadGrain>(winner.LeadId).GetAsync())!.CustomerId).GetAsync();
        Assert.Equal(winner.LeadId, customer!.Owner!.LeadId);
        foreach (var loser in outcomes.Where(o => !o.Accepted))
        {
            var lead = await chain.Grains.GetGrain<ILeadGrain>(loser.LeadId).GetAsync();
            Assert.Equal((false, LeadStatus.Lost), (lead!.Open, lead.Status));
        }

        Assert.True(cluster.Silos.Sum(s => s.Runtime.Statistics.Conflicts) > 0, "no version conflict was observed");
    }
}
