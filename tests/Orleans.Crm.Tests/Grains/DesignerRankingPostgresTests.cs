using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// The half-month ranking on the ADO.NET providers and the PostgreSQL journal: the store's sweep reads the period's
/// facts from <c>crm_journal</c> by store-local time, ranks once however often it fires, and the ranks survive in the
/// stored state and take effect at local midnight.
/// </summary>
public sealed class DesignerRankingPostgresTests
{
    [Fact]
    public async Task TheSweepRanksFromThePostgresJournalOnceAndTheRanksTakeEffectAtMidnight()
    {
        var shanghai = TimeSpan.FromHours(8);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 10, 0, 0, shanghai));
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, clock: clock);
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync(groups: 1);
        var grain = chain.Store(store);
        var (visit, dispatch) = await chain.VisitAndDispatchAsync(store, $"{store}-m1");
        await grain.RecordMeasurementAsync(visit.LeadId, null);
        await grain.SetDesignerFactsAsync($"{store}-g1-d2", "2026-11-H2", new DesignerFacts(SiteSatisfaction: 100, PhonedOwnCustomers: true));

        // 00:30 on December 1st in Shanghai is still November 30th in UTC: the period ends by the store's calendar.
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 22, 0, 0, shanghai));
        await Chain.SweepAsync(grain);
        await Chain.SweepAsync(grain);
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 30, 0, shanghai));
        await Chain.SweepAsync(grain);

        var runs = await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.RankingRun], store));
        var ranking = await cluster.Client.GetGrain<IReportsGrain>(0).GetRankingAsync(store, "2026-11-H2");
        var d1 = ranking.Groups.Single().Designers.Single(d => d.DesignerId == dispatch.DesignerId);

        Assert.Single(runs);
        Assert.True(ranking.Run);

        // d1: 1 dispatched, 1 measured → 15; d2: entered 100 % and phoned → 20.
        Assert.Equal((15m, 2), (d1.Score, d1.Rank));
        Assert.Equal((1, 20m), ((await chain.DesignerAsync($"{store}-g1-d2")).Rank, (await chain.DesignerAsync($"{store}-g1-d2")).Score));
        Assert.Equal(2, (await chain.DesignerAsync($"{store}-g1-d1")).Rank);
    }
}
