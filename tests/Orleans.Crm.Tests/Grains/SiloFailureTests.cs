using System.Collections.Concurrent;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// A silo killed in the middle of concurrent dispatches, deposits and claims, on a three-silo cluster with the ADO.NET
/// storage: callers resend every command with the same command id until it is acknowledged (as gateways do), and
/// afterwards every acknowledged command is durable and applied once, no cap is exceeded, every contested customer
/// has one owner, and the first deposit's effects on the other stores' leads finish.
/// </summary>
public sealed class SiloFailureTests
{
    [Fact]
    public async Task AcknowledgedCommandsSurviveASiloKilledInTheMiddleOfDispatchesDepositsAndClaims()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, silos: 3);
        var chain = new Chain(cluster.Client);
        var pool = chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var poolLeads = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            poolLeads.Add((await pool.PostAsync(new PostPoolLead($"公海{i}", Chain.NewPhone(), VisitChannel.Batch))).LeadId);
        }

        // Stores set up from every silo in turn, until at least two live on one silo other than the first (which hosts
        // the test membership): that one is killed, so the fault surely hits stores in the middle of their work.
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var stores = new List<string>();
        var hosts = new Dictionary<string, SiloAddress>();
        var silos = cluster.Silos;
        InProcessSiloHandle? victim = null;
        for (var i = 0; victim is null || stores.Count < 6; i++)
        {
            Assert.True(i < 60, "no silo but the first got two stores: placement never spread them");
            var store = Chain.NewStoreId();
            var from = new Chain(cluster.GrainFactoryOf(silos[i % silos.Count]));
            await from.Store(store).ConfigureAsync(Chain.Setup(store, groups: 2));
            stores.Add(store);
            hosts[store] = (await management.GetActivationAddress(chain.Store(store)))!;
            victim ??= silos.Skip(1).FirstOrDefault(s => hosts.Values.Count(h => h.Equals(s.SiloAddress)) >= 2);
        }

        var storesOnVictim = hosts.Count(h => h.Value.Equals(victim.SiloAddress));

        var work = new Workload(chain, stores, poolLeads);
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 24).Select(w => Task.Run(() => work.RunAsync(w, stop.Token))).ToArray();
        await Eventually.UntilAsync(() => Task.FromResult(work.Acknowledged.Count > 60), "commands are acknowledged before the kill");
        await cluster.KillSiloAsync(victim);
        var atKill = work.Acknowledged.Count;
        await Eventually.UntilAsync(() => Task.FromResult(work.Acknowledged.Count > atKill + 100), "commands are acknowledged after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(work.Failures > 0, $"no call failed while a silo died ({storesOnVictim} stores were on it)");

        // The first deposit's effects finish: every lead the customer no longer counts as open (lost to the owner) is
        // closed at its store, and every lead still open at a store is one the customer counts as open.
        foreach (var customerId in work.Deposits.Values.Select(d => d.CustomerId).Distinct())
        {
            await Eventually.UntilAsync(
                async () =>
                {
                    var open = (await chain.Grains.GetGrain<ICustomerGrain>(customerId).GetAsync())!.OpenLeadIds.ToHashSet();
                    foreach (var leadId in work.LeadsOf(customerId))
                    {
                        if ((await chain.LeadAsync(leadId)).Open != open.Contains(leadId))
                        {
                            return false;
                        }
                    }

                    return true;
                },
                $"the stores' leads of customer {customerId} agree with the customer's open leads");
        }

        // From storage now: every activation is collected, so what follows is read back from PostgreSQL.
        await cluster.CollectAllActivationsAsync();

        // Every acknowledged visit is there, once; every acknowledged dispatch is recorded on its lead.
        var visits = work.Acknowledged.Values.Where(a => a.Kind == "visit").ToList();
        Assert.Equal(visits.Count, visits.Select(v => v.LeadId).Distinct().Count());
        foreach (var store in stores)
        {
            var numbers = new List<int>();
            foreach (var visit in visits.Where(v => v.Store == store))
            {
                var lead = await chain.LeadAsync(visit.LeadId);
                numbers.Add(lead.RunningNumber!.Value);
            }

            var board = await chain.Store(store).GetBoardAsync();
            Assert.All(board.Groups.SelectMany(g => g.Designers), d => Assert.True(d.Holding <= d.Cap, $"{d.DesignerId} holds {d.Holding} over cap {d.Cap}"));
            Assert.Equal(numbers.Count, numbers.Distinct().Count());
        }

        foreach (var dispatch in work.Acknowledged.Values.Where(a => a.Kind == "dispatch"))
        {
            Assert.Contains((await chain.LeadAsync(dispatch.LeadId)).Dispatches, d => d.DesignerId == dispatch.Designer);
        }

        // One owner per contested customer, and every answer named it.
        foreach (var customer in work.Deposits.Values.GroupBy(d => d.CustomerId))
        {
            var owner = (await chain.Grains.GetGrain<ICustomerGrain>(customer.Key).GetAsync())!.Owner!;
            Assert.True(customer.Count(d => d.Accepted) <= 1, $"customer {customer.Key} accepted two deposits");
            Assert.All(customer, d => Assert.Equal(owner.LeadId, d.OwnerLeadId));
        }

        // Each claimed pool lead has one claimant, and its store holds it.
        foreach (var claim in work.Acknowledged.Values.Where(a => a.Kind == "claim"))
        {
            Assert.Equal(claim.Store, (await chain.LeadAsync(claim.LeadId)).StoreId);
        }

        Assert.Equal(work.Acknowledged.Values.Count(a => a.Kind == "claim"), work.Acknowledged.Values.Where(a => a.Kind == "claim").Select(a => a.LeadId).Distinct().Count());
    }

    private sealed record Ack(string Kind, string Store, string LeadId, string? Designer = null);

    private sealed record DepositAnswer(string CustomerId, bool Accepted, string OwnerLeadId);

    /// <summary>Staff at work: visits and dispatches, deposits on contested customers, claims; each command resent until acknowledged.</summary>
    private sealed class Workload(Chain chain, List<string> stores, List<string> poolLeads)
    {
        private readonly string[] _contested = [.. Enumerable.Range(0, 8).Select(_ => Chain.NewPhone())];
        private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _leadsByCustomer = new();
        private readonly ConcurrentQueue<(string Store, string Lead)> _contestedLeads = new();
        private long _failures;

        public ConcurrentDictionary<string, Ack> Acknowledged { get; } = new();

        public ConcurrentDictionary<string, DepositAnswer> Deposits { get; } = new();

        public long Failures => Interlocked.Read(ref _failures);

        public IEnumerable<string> LeadsOf(string customerId) => _leadsByCustomer.GetValueOrDefault(customerId) ?? [];

        public async Task RunAsync(int worker, CancellationToken stop)
        {
            var random = new Random(worker);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var store = stores[random.Next(stores.Count)];
                var id = $"w{worker}-{n}";
                var roll = random.Next(10);
                if (roll < 6)
                {
                    var contested = random.Next(3) == 0;
                    var phone = contested ? _contested[random.Next(_contested.Length)] : Chain.NewPhone();
                    var visit = await UntilAcknowledgedAsync(() => chain.Store(store).RegisterVisitAsync(new RegisterVisit("客户", phone, VisitChannel.WalkIn), id + "-visit"));
                    Acknowledged[id + "-visit"] = new Ack("visit", store, visit.LeadId);
                    _leadsByCustomer.GetOrAdd(visit.CustomerId, _ => []).Add(visit.LeadId);
                    if (contested)
                    {
                        _contestedLeads.Enqueue((store, visit.LeadId));
                    }

                    var dispatch = await UntilAcknowledgedAsync(() => chain.Store(store).DispatchAsync(new DispatchCommand(visit.LeadId, $"{store}-m{random.Next(1, 3)}"), id + "-dispatch"), closedIsAnAnswer: true);
                    if (dispatch?.DesignerId is { } designer)
                    {
                        Acknowledged[id + "-dispatch"] = new Ack("dispatch", store, visit.LeadId, designer);
                    }
                }
                else if (roll < 8 && _contestedLeads.TryDequeue(out var target))
                {
                    var answer = await UntilAcknowledgedAsync(() => chain.Store(target.Store).RecordDepositAsync(target.Lead, new RecordDeposit(5000, "客户"), id + "-deposit"), closedIsAnAnswer: true);
                    if (answer is not null)
                    {
                        var customerId = (await UntilAcknowledgedAsync(() => chain.LeadAsync(target.Lead))).CustomerId;
                        Deposits[id] = new DepositAnswer(customerId, answer.Accepted, answer.Owner.LeadId);
                    }
                }
                else if (poolLeads.Count > 0)
                {
                    var lead = poolLeads[random.Next(poolLeads.Count)];
                    var manager = $"{store}-m{random.Next(1, 3)}";
                    var claim = await UntilAcknowledgedAsync(() => chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).ClaimAsync(lead, manager, store, id + "-claim"));
                    if (claim.Claimed)
                    {
                        Acknowledged[id + "-claim"] = new Ack("claim", store, lead);
                    }
                }
            }
        }

        /// <summary>Resends until the cluster answers; a rule's refusal (the lead was closed meanwhile) is an answer too.</summary>
        private async Task<T> UntilAcknowledgedAsync<T>(Func<Task<T>> call, bool closedIsAnAnswer = false)
        {
            while (true)
            {
                try
                {
                    return await call();
                }
                catch (CrmException) when (closedIsAnAnswer)
                {
                    return default!;
                }
                catch (Exception e) when (e is not CrmException)
                {
                    Interlocked.Increment(ref _failures);
                    await Task.Delay(100);
                }
            }
        }
    }
}
