using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;
using Orleans.Crm.Tests.Journal;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// The manager-quarter grain (facts and survey forms of one account manager's quarter) on two-silo clusters: a survey
/// retried from both silos at once is recorded once, forms of different respondents racing are all kept, and an event
/// whose append died with its silo reaches the journal through the grain's reminder though nobody calls it again.
/// </summary>
public sealed class ManagerQuarterGrainTests
{
    // A past quarter: always begun, whatever the real date the cluster's clock reads.
    private const string Quarter = "2026Q1";

    private static SurveyAnswer Form(string respondent, string answer = SurveyItems.Yes, string role = "designer") =>
        new(respondent, role, [.. SurveyItems.Ids.Select(id => new SurveyItemAnswer(id, answer))]);

    [Fact]
    public async Task ASurveyRetriedFromBothSilosAtOnceIsRecordedOnceAndRacingRespondentsAreAllKept()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory);
        var (storeId, managerId) = ($"s-{Guid.NewGuid():N}"[..14], $"m-{Guid.NewGuid():N}"[..14]);
        var key = IManagerQuarterGrain.KeyOf(managerId, Quarter);
        var silos = cluster.Silos.Select(cluster.GrainFactoryOf).ToList();

        var retries = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            silos[i % 2].GetGrain<IManagerQuarterGrain>(key).AnswerSurveyAsync(storeId, "Asia/Shanghai", Form("d-1"), "same-command")));
        var racing = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            silos[i % 2].GetGrain<IManagerQuarterGrain>(key).AnswerSurveyAsync(storeId, "Asia/Shanghai", Form($"d-r{i}", SurveyItems.No), $"form-{i}")));

        Assert.Single(retries.Select(r => (r.RespondentId, r.Total, r.At, r.Replaced)).Distinct());
        Assert.Equal(10, racing.Select(r => r.RespondentId).Distinct().Count());
        var events = await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.SurveyAnswered], storeId, managerId));
        Assert.Equal(11, events.Count);
        var card = Assert.Single(await cluster.Client.GetGrain<IReportsGrain>(0).GetManagerScoresAsync(storeId, "Asia/Shanghai", Quarter, [managerId]));
        Assert.Equal(11, card.Survey.Designers.Length);

        // (100 + 10 × 25) / 11 designers' forms, no supervisor: the designers' average alone.
        Assert.Equal(Math.Round(350m / 11, 2), card.Survey.Average);
    }

    [Fact]
    public async Task AFactsEventReachesTheJournalAfterItsSiloDiedEvenIfNobodyCallsTheQuarterAgain()
    {
        var gate = new JournalGate();
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, wrapJournal: (siloName, journal) => gate.Wrap(journal, siloName));
        var (storeId, managerId) = ($"s-{Guid.NewGuid():N}"[..14], $"m-{Guid.NewGuid():N}"[..14]);
        var grain = cluster.Client.GetGrain<IManagerQuarterGrain>(IManagerQuarterGrain.KeyOf(managerId, Quarter));

        gate.Arm(grain.GetGrainId().ToString());
        var set = grain.SetFactsAsync(storeId, "Asia/Shanghai", new ManagerFacts(100_000m, null, 20, 3, 1), "sup-1", "f1");
        var holder = await gate.Reached.WaitAsync(Eventually.Deadline);
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.Name == holder));
        gate.Fail();
        await Assert.ThrowsAnyAsync<Exception>(() => set);

        // The write was saved; its journal reminder, registered before the write, brings the grain back on the survivor.
        var entered = await Eventually.GetAsync(
            () => cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.ManagerFacts], storeId)),
            events => events.Count > 0,
            "the manager-facts event reaches the journal after the kill",
            TimeSpan.FromMinutes(3));
        Assert.Equal(grain.GetGrainId().ToString(), Assert.Single(entered).Stream);
        var card = Assert.Single(await cluster.Client.GetGrain<IReportsGrain>(0).GetManagerScoresAsync(storeId, "Asia/Shanghai", Quarter, [managerId]));
        Assert.Equal((1, -5m), (card.EnteredFacts!.Facts.Quarrels, card.Adjustments[2].Points));
    }
}
