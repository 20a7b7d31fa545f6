using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// The designers' half-month ranking through the store grain on two silos, with the rules' clock moved by hand: the
/// score from recorded and entered facts, the sweep on the month's last day at 22:00 (once), the ranks in force at
/// local midnight with the caps following and nobody evicted, corrections with a reason, the quarterly grade and a
/// customer's requested grade.
/// </summary>
public sealed class DesignerRankingGrainTests : IAsyncLifetime
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    // Saturday 2026-11-21 10:00 in Shanghai: the second half of November.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, Shanghai));
    private CrmTestCluster _cluster = null!;
    private Chain _chain = null!;

    public async Task InitializeAsync()
    {
        // Low grade thresholds, so a few entered facts reach them.
        _cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: _clock, settings: new Dictionary<string, string?>
        {
            ["Rules:Grade:ExcellentFrom"] = "10",
            ["Rules:Grade:ExpertFrom"] = "18",
        });
        _chain = new Chain(_cluster.Client);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IReportsGrain Reports => _cluster.Client.GetGrain<IReportsGrain>(0);

    private static string D(string store, int n) => $"{store}-g1-d{n}";

    private void MoveTo(int month, int day, int hour, int minute = 0) =>
        _clock.SetUtcNow(new DateTimeOffset(month == 1 ? 2027 : 2026, month, day, hour, minute, 0, Shanghai));

    private async Task<int> RankOf(string designerId) => (await _chain.DesignerAsync(designerId)).Rank;

    private async Task<int> RunsOf(string store) =>
        (await _cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.RankingRun], store))).Count;

    [Fact]
    public async Task TheSweepRanksOnTheMonthsLastDayAtTenPmTheRanksTakeEffectAtMidnightAndASecondSweepChangesNothing()
    {
        var store = await _chain.NewStoreAsync(groups: 1);
        var grain = _chain.Store(store);
        await grain.SetDesignerFactsAsync(D(store, 4), "2026-11-H2", new DesignerFacts(SiteSatisfaction: 100, PhonedOwnCustomers: true));

        MoveTo(11, 30, 21, 59);
        await Chain.SweepAsync(grain);
        Assert.Equal(0, await RunsOf(store));

        MoveTo(11, 30, 22, 0);
        await Chain.SweepAsync(grain);
        Assert.Equal(1, await RunsOf(store));
        Assert.Equal(4, await RankOf(D(store, 4))); // ranked, not yet in force
        var position = await grain.GetFeedPositionAsync();

        await Chain.SweepAsync(grain);
        Assert.Equal(1, await RunsOf(store));
        Assert.Equal(position.Sequence, (await grain.GetFeedPositionAsync()).Sequence);

        MoveTo(12, 1, 0, 0);
        await Chain.SweepAsync(grain);
        var best = await _chain.DesignerAsync(D(store, 4));
        Assert.Equal((1, 20m, "2026-11-H2"), (best.Rank, best.Score, best.ScorePeriod));

        // A tie on everything keeps the order held before: d1, d2, d3 follow as they were.
        int[] others = [await RankOf(D(store, 1)), await RankOf(D(store, 2)), await RankOf(D(store, 3))];
        Assert.Equal([2, 3, 4], others);
        position = await grain.GetFeedPositionAsync();

        await Chain.SweepAsync(grain);
        Assert.Equal(position.Sequence, (await grain.GetFeedPositionAsync()).Sequence);
        Assert.Equal(1, await RunsOf(store));
    }

    [Fact]
    public async Task ARankingThatLowersACapNeverEvictsLeadsAlreadyHeld()
    {
        var store = await _chain.NewStoreAsync(groups: 1);
        var grain = _chain.Store(store);
        var first = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var second = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        Assert.Equal((D(store, 1), D(store, 1)), (first.Dispatch.DesignerId, second.Dispatch.DesignerId));
        foreach (var n in new[] { 2, 3, 4 })
        {
            await grain.SetDesignerFactsAsync(D(store, n), "2026-11-H2", new DesignerFacts(SiteSatisfaction: 100));
        }

        var run = await grain.RunRankingAsync("2026-11-H2", "supervisor-1");
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, Shanghai), run.EffectiveAt);
        MoveTo(12, 1, 0, 0);

        // No sweep yet: the next dispatch already goes by the new ranks and caps.
        var third = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        Assert.Equal(D(store, 2), third.Dispatch.DesignerId);
        await Chain.SweepAsync(grain);

        var lowered = await _chain.DesignerAsync(D(store, 1));
        Assert.Equal((4, 1), (lowered.Rank, lowered.Cap));
        Assert.Equal(new[] { first.Visit.LeadId, second.Visit.LeadId }, lowered.Holding.ToArray());

        // Full above the lowered cap: leads go to the others.
        var fourth = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        Assert.Equal(D(store, 2), fourth.Dispatch.DesignerId); // rank 1 now holds 2
        Assert.Equal(2, (await _chain.DesignerAsync(D(store, 1))).Holding.Length);
    }

    [Fact]
    public async Task TheScoreCountsWhatTheStoreRecordedInTheHalfMonth()
    {
        var store = await _chain.NewStoreAsync(groups: 1);
        var grain = _chain.Store(store);
        var m1 = $"{store}-m1";
        var signed = await _chain.VisitAndDispatchAsync(store, m1);
        var refused = await _chain.VisitAndDispatchAsync(store, m1);
        await grain.RecordMeasurementAsync(signed.Visit.LeadId, 200);
        await grain.RecordDepositAsync(signed.Visit.LeadId, new RecordDeposit(5_000, "王小明"));
        await grain.RefuseAsync(refused.Visit.LeadId, D(store, 1), "too far away");
        var lost = await _chain.VisitAndDispatchAsync(store, m1);
        Assert.Equal(D(store, 1), lost.Dispatch.DesignerId);
        await grain.CloseLeadAsync(lost.Visit.LeadId, new CloseLead(LeadOutcome.Lost, "price", "budget too small"));
        MoveTo(11, 25, 10);
        await grain.RecordContractAsync(signed.Visit.LeadId, new RecordContract(100_000, "王小明"));

        var report = await Reports.GetRankingAsync(store, "2026-11-H2");

        Assert.False(report.Run);
        var d1 = report.Groups.Single().Designers.Single(d => d.DesignerId == D(store, 1));
        var points = d1.Items.ToDictionary(i => i.Item, i => i.Points);

        // 3 dispatched, 1 measured, 1 deposit, 1 contract of 100,000 signed 4 days after its dispatch, 1 lost, 1 refusal:
        // 5 + 5 + 6.67 + 10 + 10 − 2 − 3 = 31.67
        Assert.Equal((5m, 5m, 6.67m, 10m, 10m, -2m, -3m), (points["measurement"], points["deposit"], points["signing"], points["cycle"], points["output"], points["lost-leads"], points["refusals"]));
        Assert.Equal((31.67m, 1, 100_000m, 1), (d1.Score, d1.Contracts, d1.Output, d1.Rank));
        Assert.Equal("1 of 3 dispatched (33.3 %)", d1.Items.Single(i => i.Item == "measurement").Input);
    }

    [Fact]
    public async Task OnceARankingHasRunAManualRankNeedsAReasonAndShowsAsACorrection()
    {
        var store = await _chain.NewStoreAsync(groups: 1);
        var grain = _chain.Store(store);
        await grain.SetDesignerRankAsync(D(store, 4), 3); // set-up ranks are typed in freely

        await grain.RunRankingAsync("2026-11-H2", "supervisor-1");
        var refused = await Assert.ThrowsAsync<CrmException>(() => grain.CorrectDesignerRankAsync(D(store, 4), 1, "  ", "supervisor-1"));
        Assert.Equal((CrmErrorKind.Invalid, "reason"), (refused.Kind, refused.Field));
        await Assert.ThrowsAsync<CrmException>(() => grain.SetDesignerRankAsync(D(store, 4), 1));

        await grain.CorrectDesignerRankAsync(D(store, 4), 1, "covers for d1 on leave", "supervisor-1");

        var designer = await _chain.DesignerAsync(D(store, 4));
        Assert.Equal((1, "covers for d1 on leave"), (designer.Rank, designer.RankCorrection));
        var report = await Reports.GetRankingAsync(store, "2026-11-H2");
        var corrected = report.Groups.Single().Designers.Single(d => d.DesignerId == D(store, 4));
        Assert.True(report.Run);
        Assert.Equal((1, "covers for d1 on leave", "supervisor-1"), (corrected.Correction!.ToRank, corrected.Correction.Reason, corrected.Correction.By));

        // The correction also stands when the ranking takes effect at midnight.
        MoveTo(12, 1, 0, 0);
        await Chain.SweepAsync(grain);
        Assert.Equal(1, await RankOf(D(store, 4)));
    }

    [Fact]
    public async Task TheQuartersLastRankingGradesTheDesignersFromTheQuartersAverage()
    {
        var store = await _chain.NewStoreAsync(groups: 1);
        var grain = _chain.Store(store);
        await grain.SetDesignerFactsAsync(D(store, 4), "2026-11-H2", new DesignerFacts(SiteSatisfaction: 100, PhonedOwnCustomers: true)); // 20
        await grain.SetDesignerFactsAsync(D(store, 3), "2026-11-H2", new DesignerFacts(SiteSatisfaction: 100)); // 15
        await grain.RunRankingAsync("2026-11-H2", "supervisor-1");

        MoveTo(12, 20, 10);
        await grain.SetDesignerFactsAsync(D(store, 4), "2026-12-H2", new DesignerFacts(SiteSatisfaction: 100)); // 15 → average 17.5
        await grain.SetDesignerFactsAsync(D(store, 3), "2026-12-H2", new DesignerFacts(SiteSatisfaction: 100, PhonedOwnCustomers: true)); // 20 → 17.5
        await grain.SetDesignerFactsAsync(D(store, 2), "2026-12-H2", new DesignerFacts(SiteSatisfaction: 100, PhonedOwnCustomers: true, MissedDuty: 0)); // 20 (and 0 in Nov) → 10

        MoveTo(12, 31, 22, 0);
        await Chain.SweepAsync(grain);
        MoveTo(1, 1, 0, 0);
        await Chain.SweepAsync(grain);

        var grades = (await Reports.GetRankingAsync(store, "2026-12-H2")).Grades.ToDictionary(g => g.DesignerId);
        Assert.Equal((17.5m, 2, DesignerGrade.Excellent), (grades[D(store, 4)].Average, grades[D(store, 4)].Scores, grades[D(store, 4)].Grade));
        Assert.Equal(DesignerGrade.Excellent, (await _chain.DesignerAsync(D(store, 2))).Grade); // exactly the threshold of 10
        Assert.Equal(DesignerGrade.Ordinary, (await _chain.DesignerAsync(D(store, 1))).Grade);
    }

    [Fact]
    public async Task ACustomerAskingForAnExcellentDesignerGetsOneAndTheLeadRecordsThatGradesFeeRate()
    {
        var storeId = Chain.NewStoreId();
        var setup = Chain.Setup(storeId, groups: 1);
        var designers = setup.Groups[0].Designers.Select(d => d.DesignerId == D(storeId, 3) ? d with { Grade = DesignerGrade.Excellent } : d);
        await _chain.Store(storeId).ConfigureAsync(setup with { Groups = [setup.Groups[0] with { Designers = [.. designers] }] });

        var visit = await _chain.Store(storeId).RegisterVisitAsync(new RegisterVisit("李雷", Chain.NewPhone(), VisitChannel.WalkIn, RequestedGrade: DesignerGrade.Excellent));
        var dispatch = await _chain.DispatchAsync(storeId, visit.LeadId, $"{storeId}-m1");
        var lead = await _chain.LeadAsync(visit.LeadId);

        Assert.Equal(D(storeId, 3), dispatch.DesignerId);
        Assert.Equal((DesignerGrade.Excellent, 30m), (lead.RequestedGrade, lead.DesignFeeRate));
        Assert.Equal(DesignerGrade.Excellent, (await _chain.DesignerAsync(D(storeId, 3))).Grade);
        Assert.Equal(DesignerGrade.Ordinary, (await _chain.DesignerAsync(D(storeId, 1))).Grade);
    }
}
