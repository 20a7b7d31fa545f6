using System.Text.Json;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains;

/// <summary>A designer as the ranking lists them.</summary>
public sealed record RankingMember(string DesignerId, string Name, int CurrentRank, DesignerGrade Grade);

/// <summary>A group as the ranking lists it.</summary>
public sealed record RankingGroup(string ManagerId, string ManagerName, IReadOnlyList<RankingMember> Designers);

/// <summary>
/// A half month's ranking from the journal: folds the store's events of the period into each designer's facts
/// (<see cref="DesignerPeriodFacts"/>), scores them (<see cref="DesignerScoreRule"/>) and ranks each group
/// (<see cref="GroupRanking"/>). The store's ranking run and the ranking report's preview both use it, so they agree.
/// </summary>
public static class DesignerRankings
{
    /// <summary>
    /// <paramref name="events"/>: the store's <see cref="JournalKinds.DesignerScoreFacts"/> events inside the period and its
    /// <see cref="JournalKinds.DesignerFacts"/> events (any time; those of other periods are ignored, the latest per designer counts).
    /// </summary>
    public static ImmutableArray<RankingGroupView> Build(HalfMonthPeriod period, IEnumerable<RankingGroup> groups, IEnumerable<JournalEntry> events, DesignerScoreWeights weights)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(events);
        var facts = Fold(period, events);
        return
        [
            .. groups.Select(group =>
            {
                var scored = group.Designers
                    .Select(d => (Member: d, Facts: facts.GetValueOrDefault(d.DesignerId) ?? new DesignerPeriodFacts()))
                    .Select(x => (x.Member, x.Facts, Score: DesignerScoreRule.Score(x.Facts, weights)))
                    .ToList();
                var ranks = GroupRanking.Rank(scored.Select(x => new RankedDesigner(x.Member.DesignerId, x.Score.Total, x.Facts.Contracts, x.Facts.Output, x.Member.CurrentRank)));
                return new RankingGroupView(group.ManagerId, group.ManagerName,
                [
                    .. scored
                        .Select(x => new DesignerScoreView(x.Member.DesignerId, x.Member.Name, ranks[x.Member.DesignerId], x.Member.CurrentRank, x.Score.Total, x.Facts.Contracts, x.Facts.Output, x.Member.Grade, x.Score.Items))
                        .OrderBy(d => d.Rank),
                ]);
            }),
        ];
    }

    /// <summary>Each designer's facts of the period, from the journal events.</summary>
    public static Dictionary<string, DesignerPeriodFacts> Fold(HalfMonthPeriod period, IEnumerable<JournalEntry> events)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(events);
        var facts = new Dictionary<string, DesignerPeriodFacts>(StringComparer.Ordinal);
        var cycles = new Dictionary<string, List<decimal>>(StringComparer.Ordinal);
        var periodText = period.ToString();
        foreach (var entry in events.DistinctBy(e => (e.Stream, e.Sequence)).OrderBy(e => e.At).ThenBy(e => e.Sequence))
        {
            switch (entry.Kind)
            {
                case JournalKinds.LeadDispatched when Read<LeadDispatched>(entry) is { } dispatched:
                    Update(dispatched.DesignerId, f => f with { Dispatched = f.Dispatched + 1, ReturnCustomers = f.ReturnCustomers + (dispatched.BackToPreviousDesigner ? 1 : 0) });
                    break;
                case JournalKinds.LeadMeasured when Read<LeadMeasured>(entry) is { DesignerId: { } designerId }:
                    Update(designerId, f => f with { Measured = f.Measured + 1 });
                    break;
                case JournalKinds.DepositRecorded when Read<DepositRecorded>(entry) is { DesignerId: { } designerId }:
                    Update(designerId, f => f with { Deposits = f.Deposits + 1 });
                    break;
                case JournalKinds.ContractSigned when Read<ContractSigned>(entry) is { DesignerId: { } designerId } contract:
                    Update(designerId, f => f with { Contracts = f.Contracts + 1, Output = f.Output + contract.Amount });
                    if (contract.DispatchedAt is { } dispatchedAt)
                    {
                        (cycles.TryGetValue(designerId, out var list) ? list : cycles[designerId] = []).Add((decimal)Math.Max(0, (entry.At - dispatchedAt).TotalDays));
                    }

                    break;
                case JournalKinds.LeadClosed when Read<LeadClosed>(entry) is { Status: LeadStatus.Lost, DesignerId: { } designerId }:
                    Update(designerId, f => f with { LostLeads = f.LostLeads + 1 });
                    break;
                case JournalKinds.LeadRefused when Read<LeadRefused>(entry) is { } refused:
                    Update(refused.DesignerId, f => f with { Refusals = f.Refusals + 1 });
                    break;
                case JournalKinds.DesignerFacts when Read<DesignerFactsEntered>(entry) is { } entered && entered.Period == periodText:
                    Update(entered.DesignerId, f => f with { Entered = entered.Facts });
                    break;
            }
        }

        foreach (var (designerId, list) in cycles)
        {
            facts[designerId] = facts[designerId] with { CycleDays = [.. list] };
        }

        return facts;

        void Update(string designerId, Func<DesignerPeriodFacts, DesignerPeriodFacts> change) =>
            facts[designerId] = change(facts.GetValueOrDefault(designerId) ?? new DesignerPeriodFacts());
    }

    private static T? Read<T>(JournalEntry entry) => JsonSerializer.Deserialize<T>(entry.Data, CrmJson.Options);
}
