using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// Thousands of random operations (seeded, so a failure replays exactly), with the rulebook's invariants checked
/// after every step: no dispatch beyond a cap, one owner per customer, holdings equal open held leads, and every
/// open lead in exactly one place (a designer, the queue, or waiting for dispatch).
/// </summary>
public sealed class RandomizedInvariantTests
{
    [Theory]
    [InlineData(20261121, 1500)]
    [InlineData(7, 1500)]
    public async Task TheRulebookInvariantsHoldAfterEveryStepOfARandomDay(int seed, int steps)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(8)));
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: clock);
        var run = new RandomDay(new Chain(cluster.Client), new Random(seed));
        await run.SetUpAsync();

        for (var step = 0; step < steps; step++)
        {
            var operation = await run.StepAsync();
            try
            {
                await run.CheckInvariantsAsync();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Seed {seed}, step {step} ({operation}) broke an invariant.", e);
            }

            if (step % 25 == 0)
            {
                clock.Advance(TimeSpan.FromMinutes(10));
            }
        }

        // The day really exercised the rules, not only refusals.
        Assert.True(run.Count("dispatched") > 30, run.Summary);
        Assert.True(run.Count("queued") > 10, run.Summary);
        Assert.True(run.Count("deposit-refused") > 0, run.Summary);
        Assert.True(run.Count("claimed") > 5, run.Summary);
    }

    private sealed class RandomDay(Chain chain, Random random)
    {
        private readonly List<string> _stores = [];
        private readonly List<string> _phones = [.. Enumerable.Range(0, 30).Select(_ => Chain.NewPhone())];
        private readonly HashSet<string> _openLeads = [];
        private readonly List<string> _poolLeads = [];
        private readonly Dictionary<string, string> _owners = [];
        private readonly Dictionary<string, long> _seen = [];
        private readonly Dictionary<string, int> _counts = [];

        public string Summary => string.Join(", ", _counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"));

        public int Count(string what) => _counts.GetValueOrDefault(what);

        public async Task SetUpAsync()
        {
            for (var i = 0; i < 2; i++)
            {
                _stores.Add(await chain.NewStoreAsync(groups: 2));
            }
        }

        public async Task<string> StepAsync()
        {
            var store = _stores[random.Next(_stores.Count)];
            var roll = random.Next(100);
            var operation = roll switch
            {
                < 28 => "visit",
                < 52 => "dispatch",
                < 56 => "refuse",
                < 64 => "deposit",
                < 68 => "contract",
                < 76 => "close",
                < 80 => "presence",
                < 83 => "rank",
                < 85 => "season",
                < 90 => "post",
                < 96 => "claim",
                _ => "measure",
            };
            try
            {
                await RunAsync(operation, store);
            }
            catch (CrmException)
            {
                Tally("refused-by-rules");
            }

            return operation;
        }

        private async Task RunAsync(string operation, string store)
        {
            var s = chain.Store(store);
            switch (operation)
            {
                case "visit":
                    var visit = await chain.VisitAsync(store, Pick(_phones), random.Next(4) == 0 ? $"{store}-m{random.Next(1, 3)}" : null);
                    _openLeads.Add(visit.LeadId);
                    Tally("visit");
                    break;
                case "dispatch":
                    var waiting = await LeadsAsync(store, l => l.Open && l.DesignerId is null && l.Deposit is null);
                    if (waiting.Count == 0)
                    {
                        return;
                    }

                    var lead = Pick(waiting);
                    var manual = random.Next(6) == 0;
                    var outcome = await chain.DispatchAsync(store, lead.LeadId, $"{store}-m{random.Next(1, 3)}", manual ? $"{store}-g{random.Next(1, 3)}-d{random.Next(1, 5)}" : null, manual ? "customer's wish" : null);
                    Tally(outcome.Result);
                    break;
                case "refuse":
                    var held = await LeadsAsync(store, l => l.Open && l.DesignerId is not null && l.Deposit is null);
                    if (held.Count > 0)
                    {
                        var refused = Pick(held);
                        await s.RefuseAsync(refused.LeadId, refused.DesignerId!, "not my style");
                        Tally("refused");
                    }

                    break;
                case "deposit":
                    var candidates = await LeadsAsync(store, l => l.Open && l.Deposit is null);
                    if (candidates.Count > 0)
                    {
                        var signing = await s.RecordDepositAsync(Pick(candidates).LeadId, new RecordDeposit(1000, "王小明"));
                        Tally(signing.Accepted ? "deposit" : "deposit-refused");
                    }

                    break;
                case "contract":
                    var deposited = await LeadsAsync(store, l => l.Open);
                    if (deposited.Count > 0)
                    {
                        var contract = await s.RecordContractAsync(Pick(deposited).LeadId, new RecordContract(100000, random.Next(5) == 0 ? "李四" : "王小明"));
                        Tally(contract.Accepted ? "contract" : "contract-refused");
                    }

                    break;
                case "close":
                    var open = await LeadsAsync(store, l => l.Open && l.Deposit is null);
                    if (open.Count > 0)
                    {
                        await s.CloseLeadAsync(Pick(open).LeadId, new CloseLead(random.Next(2) == 0 ? LeadOutcome.Lost : LeadOutcome.Invalid, "other", "went quiet"));
                        Tally("closed");
                    }

                    break;
                case "presence":
                    await s.SetDesignerPresenceAsync($"{store}-g{random.Next(1, 3)}-d{random.Next(1, 5)}", random.Next(3) != 0);
                    break;
                case "rank":
                    await s.SetDesignerRankAsync($"{store}-g{random.Next(1, 3)}-d{random.Next(1, 5)}", random.Next(1, 7));
                    break;
                case "season":
                    await s.SetSeasonAsync(random.Next(2) == 0 ? Season.Peak : Season.Normal);
                    break;
                case "post":
                    _poolLeads.Add((await chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).PostAsync(new PostPoolLead("公海客户", Pick(_phones), VisitChannel.Web))).LeadId);
                    break;
                case "claim":
                    if (_poolLeads.Count > 0)
                    {
                        var poolLead = Pick(_poolLeads);
                        var claim = await chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).ClaimAsync(poolLead, $"{store}-m{random.Next(1, 3)}", store);
                        if (claim.Claimed)
                        {
                            _openLeads.Add(poolLead);
                            Tally("claimed");
                        }
                    }

                    break;
                default:
                    var measurable = await LeadsAsync(store, l => l.Open);
                    if (measurable.Count > 0)
                    {
                        await s.RecordMeasurementAsync(Pick(measurable).LeadId, 200);
                    }

                    break;
            }
        }

        public async Task CheckInvariantsAsync()
        {
            var leads = new Dictionary<string, LeadView>();
            foreach (var id in _openLeads.ToList())
            {
                var lead = (await chain.LeadAsync(id));
                leads[id] = lead;
                if (!lead.Open)
                {
                    _openLeads.Remove(id);
                }
            }

            foreach (var store in _stores)
            {
                var board = await chain.Store(store).GetBoardAsync();
                var holders = new Dictionary<string, string>();
                foreach (var designer in board.Groups.SelectMany(g => g.Designers))
                {
                    Assert.Equal(designer.LeadIds.Length, designer.LeadIds.Distinct().Count());
                    Assert.Equal(designer.Holding, designer.LeadIds.Length);
                    foreach (var leadId in designer.LeadIds)
                    {
                        Assert.True(holders.TryAdd(leadId, designer.DesignerId), $"{leadId} is held by two designers");
                        Assert.True(leads.TryGetValue(leadId, out var held), $"{designer.DesignerId} holds {leadId}, which is not open");
                        // A lead with a deposit keeps its slot until the contract (每签一单补一单).
                        Assert.Equal((true, designer.DesignerId), (held!.Open, held.DesignerId));
                    }
                }

                var queued = board.Queue.Select(q => q.LeadId).ToList();
                Assert.Equal(queued.Count, queued.Distinct().Count());
                foreach (var (id, lead) in leads.Where(l => l.Value.StoreId == store))
                {
                    var isHeld = holders.ContainsKey(id);
                    var isQueued = queued.Contains(id);
                    Assert.False(isHeld && isQueued, $"{id} is both held and queued");
                    Assert.Equal(lead.Queued && lead.Open, isQueued);
                    Assert.Equal(lead.Open && lead.DesignerId is not null, isHeld);
                }

                Assert.All(queued, id => Assert.True(leads.ContainsKey(id) && leads[id].Open, $"queued lead {id} is not open"));

                // No dispatch ever took a designer beyond the cap in force at that moment (checked from the event log).
                var page = await chain.Store(store).GetEventsAsync(_seen.GetValueOrDefault(store), 10_000);
                Assert.True(page.Complete, $"the store no longer keeps the events after {_seen.GetValueOrDefault(store)}");
                foreach (var e in page.Events)
                {
                    Assert.Equal(_seen.GetValueOrDefault(store) + 1, e.Sequence);
                    var change = e.Change;
                    if (e.Type == "lead-dispatched")
                    {
                        var chosen = change.Designers!.Value.Single(d => d.DesignerId == change.Lead!.DesignerId);
                        Assert.True(chosen.Holding <= chosen.Cap, $"{chosen.DesignerId} holds {chosen.Holding} with cap {chosen.Cap}");
                    }

                    _seen[store] = e.Sequence;
                }

                // The log reaches at least the board read above; a background sweep or effect may have added more since.
                Assert.True(_seen.GetValueOrDefault(store) >= board.Sequence, $"the log ends at {_seen.GetValueOrDefault(store)}, before the board's {board.Sequence}");
            }

            // One owner per customer, and it never changes once set.
            foreach (var lead in leads.Values.Where(l => l.Deposit is not null || l.Contract is not null))
            {
                var owner = (await chain.Grains.GetGrain<ICustomerGrain>(lead.CustomerId).GetAsync())!.Owner!;
                Assert.Equal(owner.LeadId, _owners.TryAdd(lead.CustomerId, owner.LeadId) ? owner.LeadId : _owners[lead.CustomerId]);
                Assert.Equal(lead.LeadId, owner.LeadId);
            }
        }

        private async Task<List<LeadView>> LeadsAsync(string store, Func<LeadView, bool> filter)
        {
            var result = new List<LeadView>();
            foreach (var id in _openLeads.Order())
            {
                var lead = (await chain.LeadAsync(id));
                if (lead.StoreId == store && filter(lead))
                {
                    result.Add(lead);
                }
            }

            return result;
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private void Tally(string what) => _counts[what] = _counts.GetValueOrDefault(what) + 1;
    }
}
