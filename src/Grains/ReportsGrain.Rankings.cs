using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains;

/// <summary>The designers' half-month ranking report: the period's recorded run, or a preview from the facts so far.</summary>
public sealed partial class ReportsGrain
{
    /// <inheritdoc />
    public async Task<RankingReport> GetRankingAsync(string storeId, string period)
    {
        var half = HalfMonthPeriod.Parse(period, "period");

        // The store's set-up (groups, names, current ranks): a read of a grain that never calls this one.
        var store = await GrainFactory.GetGrain<IStoreGrain>(storeId).GetAsync()
            ?? throw CrmException.NotFound("storeId", $"Store {storeId} does not exist.");
        var journal = ServiceProvider.GetRequiredService<IJournal>();
        var (from, to) = half.Range(store.TimeZone);
        var text = half.ToString();

        var run = (await journal.ReadAsync(new JournalQuery([JournalKinds.RankingRun], storeId, Subject: text, From: from)))
            .Select(e => (Entry: e, Data: JsonSerializer.Deserialize<RankingRun>(e.Data, CrmJson.Options)!))
            .LastOrDefault(r => r.Data.Period == text);
        if (run.Data is { } recorded)
        {
            var corrections = (await journal.ReadAsync(new JournalQuery([JournalKinds.RankCorrected], storeId, From: run.Entry.At)))
                .Select(e => (e.At, Data: JsonSerializer.Deserialize<RankCorrected>(e.Data, CrmJson.Options)!))
                .Where(c => c.Data.Period == text)
                .GroupBy(c => c.Data.DesignerId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            ImmutableArray<RankingGroupView> groups =
            [
                .. recorded.Groups.Select(g => g with
                {
                    Designers =
                    [
                        .. g.Designers.Select(d => corrections.TryGetValue(d.DesignerId, out var c)
                            ? d with { Correction = new RankCorrectionView(c.Data.FromRank, c.Data.ToRank, c.Data.Reason, c.Data.By, c.At) }
                            : d),
                    ],
                }),
            ];
            return new RankingReport(storeId, text, half.First, half.Last, true, run.Entry.At, recorded.By, recorded.EffectiveAt, groups, recorded.Grades);
        }

        var options = ServiceProvider.GetRequiredService<DesignerEvaluationOptions>();
        var facts = await journal.ReadAsync(new JournalQuery(JournalKinds.DesignerScoreFacts, storeId, From: from, To: to));
        var entered = await journal.ReadAsync(new JournalQuery([JournalKinds.DesignerFacts], storeId, From: from));
        var members = store.Groups.Select(g => new RankingGroup(g.ManagerId, g.ManagerName, [.. g.Designers.Select(d => new RankingMember(d.DesignerId, d.Name, d.Rank, d.Grade))]));
        var preview = DesignerRankings.Build(half, members, facts.Concat(entered), options.Score);
        return new RankingReport(storeId, text, half.First, half.Last, false, null, null, null, preview, []);
    }
}
