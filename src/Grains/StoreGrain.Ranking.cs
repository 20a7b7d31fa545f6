using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// The designers' half-month ranking (DOMAIN §4/§8): the supervisor's facts, the ranking run (the sweep on the 15th
/// and the month's last day at <c>Rules:Ranking:RunAt</c>, or by hand), the ranks taking effect at the next local
/// midnight with the caps following (nobody evicted), manual corrections with a reason, and the quarterly grade.
/// </summary>
public sealed partial class StoreGrain
{
    private const int RankedPeriodsKept = 24;
    private const int MaxFactCount = 99;

    /// <inheritdoc />
    public Task<DesignerFactsView> SetDesignerFactsAsync(string designerId, string period, DesignerFacts facts, string? commandId = null) => CommandAsync(commandId, () =>
    {
        ArgumentNullException.ThrowIfNull(facts);
        OwnDesigner(designerId);
        var half = StartedPeriod(period);
        if (facts.SiteSatisfaction is < 0 or > 100)
        {
            throw CrmException.Invalid("siteSatisfaction", "Site satisfaction is a percentage from 0 to 100.");
        }

        foreach (var (field, count) in new[]
        {
            ("changeRequests", facts.ChangeRequests), ("disputes", facts.Disputes), ("missedDuty", facts.MissedDuty),
            ("absenceNotLogged", facts.AbsenceNotLogged), ("gamesAtWork", facts.GamesAtWork), ("phoneInMeetings", facts.PhoneInMeetings),
            ("missedReview", facts.MissedReview), ("lateEarlyAbsent", facts.LateEarlyAbsent),
        })
        {
            if (count is < 0 or > MaxFactCount)
            {
                throw CrmException.Invalid(field, $"A count from 0 to {MaxFactCount}.");
            }
        }

        var stored = facts with { EnteredAt = Now };
        Record(JournalKinds.DesignerFacts, Key, designerId, new DesignerFactsEntered(designerId, half.ToString(), stored));
        return Task.FromResult(new DesignerFactsView(designerId, Key, half.ToString(), stored));
    });

    /// <inheritdoc />
    public Task<RankingRunResult> RunRankingAsync(string period, string? by, string? commandId = null) => CommandAsync(commandId, () =>
    {
        EnsureConfigured();
        return RankAsync(StartedPeriod(period), by);
    });

    /// <inheritdoc />
    public Task CorrectDesignerRankAsync(string designerId, int rank, string? reason, string? by) => UpdateAsync(async () =>
    {
        if (rank < 1)
        {
            throw CrmException.Invalid("rank", "Rank must be 1 or more.");
        }

        var designer = OwnDesigner(designerId);
        var why = reason?.Trim() is { Length: > 0 } given ? given : null;
        if (State.RankingPeriod is { } period)
        {
            // Ranks are computed once a ranking has run: changing one by hand is a correction, with a reason, shown as such.
            if (why is null)
            {
                throw CrmException.Invalid("reason", $"The ranks of store {Key} come from the {period} ranking: a manual correction needs a reason.");
            }

            Record(JournalKinds.RankCorrected, Key, designerId, new RankCorrected(designerId, period, designer.Rank, rank, why, by));
            if (State.PendingRanking is { } pending && pending.Ranks.ContainsKey(designerId))
            {
                State = State with { PendingRanking = pending with { Ranks = pending.Ranks.SetItem(designerId, rank) } };
            }
        }

        State = State with { Designers = State.Designers.SetItem(designerId, designer with { Rank = rank, RankCorrection = State.RankingPeriod is null ? null : why }) };
        await DrainQueueAsync();
        Publish(new BoardChange("designer-updated", Now, why is null ? $"{designer.Name}: rank {rank}" : $"{designer.Name}: rank {rank} (corrected 人工调整: {why})", Designers: DesignerCards(designerId)));
    });

    /// <summary>
    /// The sweep's part: rank the half month whose run time has come (once), and put a waiting ranking in force once its
    /// local midnight has come. A second sweep finds both done.
    /// </summary>
    private async Task SweepRankingAsync(DateTimeOffset now)
    {
        if (State.ConfiguredAt is null)
        {
            // A store set up before rankings existed: it is ranked from the next run time on.
            State = State with { ConfiguredAt = now };
        }

        // A waiting ranking whose midnight has come goes in force before a newer one is computed.
        await ApplyDueRankingAsync(now);
        var due = RankingSchedule.Due(now, evaluation.RankingRunAt, State.TimeZone, State.ConfiguredAt, p => State.RankedPeriods.Contains(p.ToString()));
        if (due is not null)
        {
            await RankAsync(due, null);
        }
    }

    /// <summary>
    /// Ranks every group for <paramref name="period"/> from the journal and records the run. Its ranks (and, at the
    /// quarter's end, grades) wait for the next period's local midnight, or apply now if that has passed; a run of a
    /// period older than the ranking in force is recorded only.
    /// </summary>
    private async Task<RankingRunResult> RankAsync(HalfMonthPeriod period, string? by)
    {
        var now = Now;
        await ApplyDueRankingAsync(now);
        var (from, to) = period.Range(State.TimeZone);
        var facts = await Journal.ReadAsync(new JournalQuery(JournalKinds.DesignerScoreFacts, Key, From: from, To: to));
        var entered = await Journal.ReadAsync(new JournalQuery([JournalKinds.DesignerFacts], Key, From: from));

        // Events this grain saved but has not appended yet (the journal was unreachable) count too.
        var unappended = State.PendingJournal.Where(e =>
            (JournalKinds.DesignerScoreFacts.Contains(e.Kind) && e.At >= from && e.At < to) || e.Kind == JournalKinds.DesignerFacts);
        var groups = DesignerRankings.Build(period, RankingGroups(), facts.Concat(entered).Concat(unappended), evaluation.Score);

        var older = State.RankingPeriod is { } inForce && HalfMonthPeriod.TryParse(inForce) is { } current && current.CompareTo(period) > 0;
        DateTimeOffset? effectiveAt = older ? null : RankingSchedule.EffectiveAt(period, now, State.TimeZone);
        var grades = period.EndsQuarter && !older ? await GradesAsync(period, groups) : [];
        Record(JournalKinds.RankingRun, Key, period.ToString(), new RankingRun(period.ToString(), effectiveAt, by, groups, grades));
        var ranked = State.RankedPeriods.Remove(period.ToString()).Add(period.ToString());
        State = State with { RankedPeriods = ranked.Count > RankedPeriodsKept ? ranked.RemoveRange(0, ranked.Count - RankedPeriodsKept) : ranked };
        if (effectiveAt is { } at)
        {
            var designers = groups.SelectMany(g => g.Designers).ToList();
            State = State with
            {
                RankingPeriod = period.ToString(),
                PendingRanking = new PendingRanking(
                    period.ToString(),
                    at,
                    designers.ToImmutableDictionary(d => d.DesignerId, d => d.Rank, StringComparer.Ordinal),
                    designers.ToImmutableDictionary(d => d.DesignerId, d => d.Score, StringComparer.Ordinal),
                    grades.ToImmutableDictionary(g => g.DesignerId, g => g.Grade, StringComparer.Ordinal)),
            };
            await ApplyDueRankingAsync(now);
        }

        return new RankingRunResult(Key, period.ToString(), now, effectiveAt);
    }

    /// <summary>
    /// The quarterly grade (季度级别评定) from the average of the quarter's half-month scores: the latest run of each of
    /// the quarter's earlier periods (from the journal) and this run.
    /// </summary>
    private async Task<ImmutableArray<DesignerGradeView>> GradesAsync(HalfMonthPeriod period, ImmutableArray<RankingGroupView> groups)
    {
        var quarter = period.QuarterPeriods();
        var earlier = quarter.Where(p => p.CompareTo(period) < 0).Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        var runs = await Journal.ReadAsync(new JournalQuery([JournalKinds.RankingRun], Key, From: quarter[0].Range(State.TimeZone).From));
        var latest = runs.Concat(State.PendingJournal.Where(e => e.Kind == JournalKinds.RankingRun))
            .DistinctBy(e => (e.Stream, e.Sequence))
            .Select(e => System.Text.Json.JsonSerializer.Deserialize<RankingRun>(e.Data, CrmJson.Options)!)
            .Where(r => earlier.Contains(r.Period))
            .GroupBy(r => r.Period)
            .Select(g => g.Last());
        var scores = latest.SelectMany(r => r.Groups.SelectMany(g => g.Designers))
            .Concat(groups.SelectMany(g => g.Designers))
            .GroupBy(d => d.DesignerId)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Score).ToList(), StringComparer.Ordinal);
        return
        [
            .. groups.SelectMany(g => g.Designers).Select(d =>
            {
                var list = scores[d.DesignerId];
                var average = GradeRule.Average(list) ?? 0;
                return new DesignerGradeView(d.DesignerId, period.Quarter, average, list.Count, evaluation.Grades.GradeOf(average), State.Designers.GetValueOrDefault(d.DesignerId)?.Grade ?? DesignerGrade.Ordinary);
            }),
        ];
    }

    /// <summary>Puts the waiting ranking in force once its time has come: ranks, scores, grades; caps follow, nobody is evicted.</summary>
    private async Task ApplyDueRankingAsync(DateTimeOffset now)
    {
        if (State.PendingRanking is not { } pending || pending.EffectiveAt > now)
        {
            return;
        }

        var designers = State.Designers;
        foreach (var (designerId, rank) in pending.Ranks)
        {
            if (designers.TryGetValue(designerId, out var designer))
            {
                designers = designers.SetItem(designerId, designer with
                {
                    Rank = rank,
                    Score = pending.Scores.GetValueOrDefault(designerId),
                    ScorePeriod = pending.Period,
                    RankCorrection = null,
                    Grade = pending.Grades.TryGetValue(designerId, out var grade) ? grade : designer.Grade,
                });
            }
        }

        // A lower cap leaves the leads already held where they are (the designer is full until below it); a higher
        // cap may let queued leads through.
        State = State with { Designers = designers, PendingRanking = null };
        await DrainQueueAsync();
        Publish(new BoardChange("ranking-applied", now, $"Ranking {pending.Period} in force 半月排名生效", Designers: AllDesignerCards(), Queue: QueueIds()));
    }

    private List<RankingGroup> RankingGroups() =>
    [
        .. State.Groups.Select(g => new RankingGroup(g.ManagerId, g.ManagerName, [.. g.DesignerIds.Select(id =>
        {
            var d = State.Designers[id];
            return new RankingMember(id, d.Name, d.Rank, d.Grade);
        })])),
    ];

    /// <summary>A half month that has begun in the store's calendar (400 naming <c>period</c> otherwise).</summary>
    private HalfMonthPeriod StartedPeriod(string period)
    {
        var half = HalfMonthPeriod.Parse(period, "period");
        return half.First <= Today
            ? half
            : throw CrmException.Invalid("period", $"The half month {half} has not begun in the store's calendar.");
    }
}
