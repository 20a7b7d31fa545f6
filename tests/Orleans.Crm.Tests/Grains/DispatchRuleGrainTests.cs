using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>The rulebook through the grains, on a two-silo Orleans test cluster (in-memory storage) with a fixed Saturday clock.</summary>
public sealed class DispatchRuleGrainTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)));
    private CrmTestCluster _cluster = null!;
    private Chain _chain = null!;

    public async Task InitializeAsync()
    {
        _cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: _clock);
        _chain = new Chain(_cluster.Client);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AWalkInGoesToTodaysOnDutyManager()
    {
        // Rotation anchored on Saturday 2026-11-21: m1 that day, m2 on Sunday, Monday is the rest day, m3 on Tuesday.
        var store = await _chain.NewStoreAsync(rotationStart: new DateOnly(2026, 11, 21));

        var visit = await _chain.VisitAsync(store);

        Assert.Equal($"{store}-m1", visit.ManagerId);
        Assert.Equal($"{store}-m2", (await _chain.Store(store).GetDutyAsync(new DateOnly(2026, 11, 22))).ManagerId);
        var monday = await _chain.Store(store).GetDutyAsync(new DateOnly(2026, 11, 23));
        Assert.True(monday.IsRestDay);
        Assert.Null(monday.ManagerId);
        Assert.Equal($"{store}-m3", (await _chain.Store(store).GetDutyAsync(new DateOnly(2026, 11, 24))).ManagerId);
    }

    [Fact]
    public async Task AManagerOnLeavePassesTheDayToTheNextAndAnOverrideWins()
    {
        var store = await _chain.NewStoreAsync(rotationStart: new DateOnly(2026, 11, 21));
        var saturday = new DateOnly(2026, 11, 21);

        await _chain.Store(store).SetManagerLeaveAsync($"{store}-m1", saturday, onLeave: true);
        Assert.Equal($"{store}-m2", (await _chain.Store(store).GetDutyAsync(saturday)).ManagerId);
        Assert.Equal($"{store}-m2", (await _chain.VisitAsync(store)).ManagerId);

        // m1 keeps their place: Sunday is still m2's own turn.
        Assert.Equal($"{store}-m2", (await _chain.Store(store).GetDutyAsync(saturday.AddDays(1))).ManagerId);

        await _chain.Store(store).SetDutyOverrideAsync(saturday, $"{store}-m3");
        Assert.Equal($"{store}-m3", (await _chain.VisitAsync(store)).ManagerId);

        await _chain.Store(store).SetDutyOverrideAsync(saturday.AddDays(2), $"{store}-m1");
        var monday = await _chain.Store(store).GetDutyAsync(saturday.AddDays(2));
        Assert.True(monday.IsOverride);
        Assert.Equal($"{store}-m1", monday.ManagerId);
    }

    [Fact]
    public async Task AnAppointmentGoesToTheAppointedManagerAndRunningNumbersAreStoreLocal()
    {
        var (a, b) = (await _chain.NewStoreAsync(), await _chain.NewStoreAsync());

        var first = await _chain.VisitAsync(a, appointmentWith: $"{a}-m3");
        var second = await _chain.VisitAsync(a);
        var other = await _chain.VisitAsync(b);

        Assert.Equal($"{a}-m3", first.ManagerId);
        Assert.Equal((1, 2, 1), (first.RunningNumber, second.RunningNumber, other.RunningNumber));
    }

    [Theory]
    [InlineData("+86 139-1234-5678")]
    [InlineData("13912345678")]
    [InlineData("0086 139 1234 5678")]
    public async Task ThePhoneIsNormalisedAndIdentifiesTheCustomerChainWide(string written)
    {
        var (a, b) = (await _chain.NewStoreAsync(), await _chain.NewStoreAsync());
        var phone = Chain.NewPhone();
        var formatted = written.Replace("13912345678", phone, StringComparison.Ordinal).Replace("139-1234-5678", $"{phone[..3]}-{phone[3..7]}-{phone[7..]}", StringComparison.Ordinal).Replace("139 1234 5678", $"{phone[..3]} {phone[3..7]} {phone[7..]}", StringComparison.Ordinal);

        var first = await _chain.VisitAsync(a, phone);
        var second = await _chain.VisitAsync(b, formatted);

        Assert.Equal(first.CustomerId, second.CustomerId);
        var conflict = Assert.Single(second.Conflicts);
        Assert.Equal(("cross-store", first.LeadId, a), (conflict.Kind, conflict.LeadId, conflict.StoreId));
        // The first store hears of it one way from the customer (a notice), so it may arrive just after the answer.
        var firstLead = await Eventually.GetAsync(() => _chain.LeadAsync(first.LeadId), l => l.Conflicts.Length > 0, "the first lead is flagged");
        Assert.Equal(second.LeadId, Assert.Single(firstLead.Conflicts).LeadId);
    }

    [Fact]
    public async Task RetriedCommandsAnswerAsTheFirstTimeEvenAfterHundredsOfOtherCommands()
    {
        var store = await _chain.NewStoreAsync();
        var s = _chain.Store(store);
        var visit = new RegisterVisit("王小明", Chain.NewPhone(), VisitChannel.WalkIn);
        var first = await s.RegisterVisitAsync(visit, "visit-1");
        var dispatched = await s.DispatchAsync(new DispatchCommand(first.LeadId, $"{store}-m1"), "dispatch-1");
        var deposit = await s.RecordDepositAsync(first.LeadId, new RecordDeposit(2000, "王小明"), "deposit-1");
        var other = await _chain.VisitAsync(store);
        var closed = await s.CloseLeadAsync(other.LeadId, new CloseLead(LeadOutcome.Invalid, "other", Note: "wrong number"), "close-1");
        for (var i = 0; i < 300; i++)
        {
            await s.RegisterVisitAsync(new RegisterVisit("客户", Chain.NewPhone(), VisitChannel.Phone), $"busy-{i}");
        }

        var visitAgain = await s.RegisterVisitAsync(visit with { Name = "someone else" }, "visit-1");
        var dispatchAgain = await s.DispatchAsync(new DispatchCommand(first.LeadId, $"{store}-m2"), "dispatch-1");
        var depositAgain = await s.RecordDepositAsync(first.LeadId, new RecordDeposit(9000, "李四"), "deposit-1");
        var closeAgain = await s.CloseLeadAsync(other.LeadId, new CloseLead(LeadOutcome.Lost, "other", "changed my mind"), "close-1");

        Assert.Equal((first.LeadId, first.RunningNumber, first.CustomerId), (visitAgain.LeadId, visitAgain.RunningNumber, visitAgain.CustomerId));
        Assert.Equal((dispatched.Result, dispatched.DesignerId, dispatched.GroupManagerId, dispatched.CrossGroup, dispatched.Summary), (dispatchAgain.Result, dispatchAgain.DesignerId, dispatchAgain.GroupManagerId, dispatchAgain.CrossGroup, dispatchAgain.Summary));
        Assert.Equal(dispatched.Explanation.ToArray(), dispatchAgain.Explanation.ToArray());
        Assert.Equal((deposit.Accepted, deposit.Owner, deposit.Message), (depositAgain.Accepted, depositAgain.Owner, depositAgain.Message));
        Assert.Equal((closed.Status, closed.ClosedReason), (closeAgain.Status, closeAgain.ClosedReason));
        Assert.Equal(2000, (await _chain.LeadAsync(first.LeadId)).Deposit!.Amount);
        Assert.Equal(303, (await _chain.VisitAsync(store)).RunningNumber);
    }

    [Fact]
    public async Task ABadPhoneIsRefusedNamingTheFieldAndChangesNothing()
    {
        var store = await _chain.NewStoreAsync();

        var error = await Assert.ThrowsAsync<CrmException>(() => _chain.VisitAsync(store, "010-1234567"));

        Assert.Equal(("phone", CrmErrorKind.Invalid), (error.Field, error.Kind));
        Assert.Equal(1, (await _chain.VisitAsync(store)).RunningNumber);
    }

    [Fact]
    public async Task DispatchGoesToTheOwnGroupByRankSkippingFullAndAbsentDesigners()
    {
        var store = await _chain.NewStoreAsync();
        var m1 = $"{store}-m1";
        await _chain.Store(store).SetDesignerPresenceAsync($"{store}-g1-d2", present: false);

        var results = new List<DispatchOutcome>();
        for (var i = 0; i < 5; i++)
        {
            results.Add((await _chain.VisitAndDispatchAsync(store, m1)).Dispatch);
        }

        // Normal season: rank 1 holds 2, rank 2 (absent) is skipped, ranks 3 and 4 hold 1 each.
        Assert.Equal(
            [$"{store}-g1-d1", $"{store}-g1-d1", $"{store}-g1-d3", $"{store}-g1-d4", $"{store}-g2-d1"],
            results.Select(r => r.DesignerId));
        Assert.All(results.Take(4), r => Assert.False(r.CrossGroup));
        var crossGroup = results[4];
        Assert.True(crossGroup.CrossGroup);
        Assert.Contains(crossGroup.Explanation, l => l.DesignerId == $"{store}-g1-d1" && l.Outcome == "SkippedFull");
        Assert.Contains(crossGroup.Explanation, l => l.DesignerId == $"{store}-g1-d2" && l.Outcome == "SkippedAbsent");

        // Cross-group dispatch stays credited to the dispatching manager.
        var lead = await _chain.LeadAsync(crossGroup.LeadId);
        Assert.Equal(m1, lead!.ManagerId);
        Assert.True(Assert.Single(lead.Dispatches).CrossGroup);
    }

    [Fact]
    public async Task AReturnCustomerGoesBackToTheirPreviousDesignerInAnotherGroup()
    {
        var store = await _chain.NewStoreAsync();
        var phone = Chain.NewPhone();
        var first = await _chain.VisitAsync(store, phone);
        await _chain.DispatchAsync(store, first.LeadId, $"{store}-m2", $"{store}-g2-d3", "customer asked for her");
        await _chain.Store(store).CloseLeadAsync(first.LeadId, new CloseLead(LeadOutcome.Lost, "other", "went quiet"));

        var again = await _chain.VisitAsync(store, phone);
        var dispatch = await _chain.DispatchAsync(store, again.LeadId, $"{store}-m1");

        Assert.True(again.ReturnCustomer);
        Assert.Equal($"{store}-g2-d3", dispatch.DesignerId);
        Assert.True(dispatch.ReturnCustomer);
        Assert.True(dispatch.CrossGroup);
    }

    [Fact]
    public async Task WhenNobodyIsEligibleLeadsQueueAndFreedSlotsServeThemInArrivalOrder()
    {
        var store = await _chain.NewStoreAsync(groups: 1);
        var m1 = $"{store}-m1";
        var dispatched = new List<DispatchOutcome>();

        // Normal season, one group: 2 + 2 + 1 + 1 slots.
        for (var i = 0; i < 6; i++)
        {
            dispatched.Add((await _chain.VisitAndDispatchAsync(store, m1)).Dispatch);
        }

        var queued = new List<DispatchOutcome>();
        for (var i = 0; i < 3; i++)
        {
            queued.Add((await _chain.VisitAndDispatchAsync(store, m1)).Dispatch);
        }

        Assert.All(dispatched, d => Assert.Equal(DispatchOutcome.Dispatched, d.Result));
        Assert.All(queued, q => Assert.Equal(DispatchOutcome.Queued, q.Result));
        var board = await _chain.Store(store).GetBoardAsync();
        Assert.Equal(queued.Select(q => q.LeadId), board.Queue.Select(l => l.LeadId));

        // The rank-3 designer's lead is lost: the first queued lead takes the slot.
        var freed = dispatched.First(d => d.DesignerId == $"{store}-g1-d3");
        await _chain.Store(store).CloseLeadAsync(freed.LeadId, new CloseLead(LeadOutcome.Lost, "other", "went quiet"));

        board = await _chain.Store(store).GetBoardAsync();
        Assert.Equal(queued.Skip(1).Select(q => q.LeadId), board.Queue.Select(l => l.LeadId));
        Assert.Contains(queued[0].LeadId, await _chain.HoldingAsync($"{store}-g1-d3"));
    }

    [Fact]
    public async Task AnOverrideWithinTheCapIsMarkedAndBeyondItIsRejected()
    {
        var store = await _chain.NewStoreAsync();
        var target = $"{store}-g3-d4";
        var first = await _chain.VisitAsync(store);
        var second = await _chain.VisitAsync(store);

        var allowed = await _chain.DispatchAsync(store, first.LeadId, $"{store}-m1", target, "customer wants a fine-finish designer");
        var refused = await _chain.DispatchAsync(store, second.LeadId, $"{store}-m1", target, "again");

        Assert.Equal((DispatchOutcome.Dispatched, true, true), (allowed.Result, allowed.Override, allowed.CrossGroup));
        Assert.Equal(DispatchOutcome.Rejected, refused.Result);
        Assert.Equal([first.LeadId], await _chain.HoldingAsync(target));
        var error = await Assert.ThrowsAsync<CrmException>(() => _chain.DispatchAsync(store, second.LeadId, $"{store}-m1", target, " "));
        Assert.Equal("reason", error.Field);
    }

    [Fact]
    public async Task ARefusalIsRecordedAndTheLeadGoesBackToDispatch()
    {
        var store = await _chain.NewStoreAsync();
        var (visit, dispatch) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");

        var again = await _chain.Store(store).RefuseAsync(visit.LeadId, dispatch.DesignerId!, "too far away");

        Assert.Equal($"{store}-g1-d1", dispatch.DesignerId);
        Assert.Equal($"{store}-g1-d2", again.DesignerId);
        Assert.Contains(again.Explanation, l => l.DesignerId == $"{store}-g1-d1" && l.Outcome == "SkippedRefused");
        var designer = await _chain.DesignerAsync($"{store}-g1-d1");
        Assert.Equal((1, 0), (designer!.Refusals, designer.Holding.Length));
    }

    [Fact]
    public async Task LoweringTheCapNeverEvictsButBlocksNewLeads()
    {
        var store = await _chain.NewStoreAsync(groups: 1, season: Season.Peak);
        var senior = $"{store}-g1-d1";
        for (var i = 0; i < 3; i++)
        {
            var visit = await _chain.VisitAsync(store);
            await _chain.DispatchAsync(store, visit.LeadId, $"{store}-m1", senior, "peak rush");
        }

        await _chain.Store(store).SetSeasonAsync(Season.Normal);

        var designer = await _chain.DesignerAsync(senior);
        Assert.Equal((3, 2), (designer!.Holding.Length, designer.Cap));
        var next = await _chain.VisitAsync(store);
        Assert.Equal(DispatchOutcome.Rejected, (await _chain.DispatchAsync(store, next.LeadId, $"{store}-m1", senior, "one more")).Result);
        Assert.NotEqual(senior, (await _chain.DispatchAsync(store, next.LeadId, $"{store}-m1")).DesignerId);
    }

    [Fact]
    public async Task TheSecondSignerIsRefusedWithTheOwnersNameAndItsLeadIsClosed()
    {
        var (a, b) = (await _chain.NewStoreAsync(), await _chain.NewStoreAsync());
        var phone = Chain.NewPhone();
        var (leadA, dispatchA) = await _chain.VisitAndDispatchAsync(a, $"{a}-m1", phone);
        var (leadB, dispatchB) = await _chain.VisitAndDispatchAsync(b, $"{b}-m1", phone);

        var won = await _chain.Store(a).RecordDepositAsync(leadA.LeadId, new RecordDeposit(5000, "王小明"));
        var lost = await _chain.Store(b).RecordDepositAsync(leadB.LeadId, new RecordDeposit(5000, "王小明"));

        Assert.True(won.Accepted);
        Assert.False(lost.Accepted);
        Assert.Equal((a, $"{a}-m1", dispatchA.DesignerId, leadA.LeadId), (lost.Owner.StoreId, lost.Owner.ManagerId, lost.Owner.DesignerId, lost.Owner.LeadId));
        Assert.Contains(a, lost.Message, StringComparison.Ordinal);
        var losing = await _chain.LeadAsync(leadB.LeadId);
        Assert.Equal((false, LeadStatus.Lost), (losing!.Open, losing.Status));
        Assert.Empty(await _chain.HoldingAsync(dispatchB.DesignerId!));

        // The winner's designer keeps the slot through the deposit; the contract frees it (每签一单补一单).
        Assert.Equal([leadA.LeadId], await _chain.HoldingAsync(dispatchA.DesignerId!));
        Assert.True((await _chain.Store(a).RecordContractAsync(leadA.LeadId, new RecordContract(200000, "王小明"))).Accepted);
        Assert.Empty(await _chain.HoldingAsync(dispatchA.DesignerId!));
        Assert.Equal(leadA.LeadId, (await _chain.Grains.GetGrain<ICustomerGrain>(leadA.CustomerId).GetAsync())!.Owner!.LeadId);
    }

    [Fact]
    public async Task TheNameOnTheContractMustMatchTheDepositsPayer()
    {
        var store = await _chain.NewStoreAsync();
        var (visit, _) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        await _chain.Store(store).RecordDepositAsync(visit.LeadId, new RecordDeposit(2000, "王小明"));

        var error = await Assert.ThrowsAsync<CrmException>(() => _chain.Store(store).RecordContractAsync(visit.LeadId, new RecordContract(120000, "李四")));
        var signed = await _chain.Store(store).RecordContractAsync(visit.LeadId, new RecordContract(120000, "王 小明"));

        Assert.Equal("signerName", error.Field);
        Assert.True(signed.Accepted);
        var lead = await _chain.LeadAsync(visit.LeadId);
        Assert.Equal((LeadStatus.Signed, "red"), (lead!.Status, lead.Colour));
    }

    [Fact]
    public async Task TheStatusPipelineShowsTheRulebookColours()
    {
        var store = await _chain.NewStoreAsync();
        var (visit, _) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var s = _chain.Store(store);

        Assert.Equal("black", (await _chain.LeadAsync(visit.LeadId)).Colour);
        var measured = await s.RecordMeasurementAsync(visit.LeadId, 300m);
        Assert.Equal(("blue", false), (measured.Colour, measured.MeasurementFee!.HandedToFinance));
        Assert.True((await s.HandFeeToFinanceAsync(visit.LeadId)).MeasurementFee!.HandedToFinance);
        Assert.Equal("rose", (await s.SetKeyFollowUpAsync(visit.LeadId, true)).Colour);
        Assert.Equal("blue", (await s.SetKeyFollowUpAsync(visit.LeadId, false)).Colour);
        await s.RecordDepositAsync(visit.LeadId, new RecordDeposit(1000, "王小明"));
        Assert.Equal("green", (await _chain.LeadAsync(visit.LeadId)).Colour);

        var other = await _chain.VisitAsync(store);
        Assert.Equal("yellow", (await s.CloseLeadAsync(other.LeadId, new CloseLead(LeadOutcome.Invalid, "other", Note: "wrong number"))).Colour);
    }

    [Fact]
    public async Task ThreeDaysWithoutAMeasurementCreateAFollowUpAndACallbackTask()
    {
        var store = await _chain.NewStoreAsync();
        var (quiet, dispatch) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        var (busy, _) = await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        await _chain.Store(store).RecordMeasurementAsync(busy.LeadId, null);

        _clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(_chain.Store(store));
        await Chain.SweepAsync(_chain.Store(store));

        // Swept twice: the rule applies once.
        var tasks = (await _chain.LeadAsync(quiet.LeadId)).Tasks;
        Assert.Contains(tasks, t => t.Kind == "follow-up" && t.AssigneeId == dispatch.DesignerId);
        Assert.Contains(tasks, t => t.Kind == "callback" && t.AssigneeId == $"{store}-m1");
        Assert.Empty((await _chain.LeadAsync(busy.LeadId)).Tasks);
    }

    [Fact]
    public async Task EveryBoardChangeIsAnEventAndTheSnapshotStatesItsSequence()
    {
        var store = await _chain.NewStoreAsync();
        await _chain.VisitAndDispatchAsync(store, $"{store}-m1");
        await _chain.VisitAndDispatchAsync(store, $"{store}-m1");

        var board = await _chain.Store(store).GetBoardAsync();
        var events = (await _chain.Store(store).GetEventsAsync(0, 100)).Events;

        Assert.Equal(events.Length, board.Sequence);
        Assert.Equal(["store-configured", "visit-registered", "lead-dispatched", "visit-registered", "lead-dispatched"], events.Select(e => e.Type));
        Assert.Equal(2, board.TodayLeads.Length);
        Assert.Equal(2, board.Ticker.Length);
        Assert.Equal(2, board.Groups[0].Designers[0].Holding);
    }

    [Fact]
    public async Task AClaimedPoolLeadJoinsTheClaimantsStoreAndLosersAreToldWhoWon()
    {
        var (a, b) = (await _chain.NewStoreAsync(), await _chain.NewStoreAsync());
        var pool = _chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var posted = await pool.PostAsync(new PostPoolLead("赵六", Chain.NewPhone(), VisitChannel.Web, "website"));

        var won = await pool.ClaimAsync(posted.LeadId, $"{a}-m2", a);
        var lost = await pool.ClaimAsync(posted.LeadId, $"{b}-m1", b);

        Assert.True(won.Claimed);
        Assert.Equal((a, $"{a}-m2"), (won.StoreId, won.ManagerId));
        Assert.Equal(("already_claimed", $"{a}-m2", a), (lost.Refusal, lost.ClaimedBy!.ManagerId, lost.ClaimedBy.StoreId));
        Assert.Equal(a, (await _chain.LeadAsync(posted.LeadId)).StoreId);
        var dispatch = await _chain.DispatchAsync(a, posted.LeadId, $"{a}-m2");
        Assert.Equal($"{a}-g2-d1", dispatch.DesignerId);
        await Eventually.UntilAsync(async () => (await pool.GetManagerClaimsAsync($"{a}-m2")).OpenClaims == 0, "the dispatch settles the claim at the pool");
    }

    [Fact]
    public async Task TheDailyClaimLimitIsExact()
    {
        var store = await _chain.NewStoreAsync();
        var pool = _chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var outcomes = new List<ClaimOutcome>();
        for (var i = 0; i < 12; i++)
        {
            var posted = await pool.PostAsync(new PostPoolLead($"客户{i}", Chain.NewPhone(), VisitChannel.Event));
            outcomes.Add(await pool.ClaimAsync(posted.LeadId, $"{store}-m1", store));
        }

        Assert.Equal(10, outcomes.Count(o => o.Claimed));
        Assert.All(outcomes.Skip(10), o => Assert.Equal("daily_limit", o.Refusal));

        _clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await pool.PostAsync(new PostPoolLead("明天", Chain.NewPhone(), VisitChannel.Event));
        Assert.True((await pool.ClaimAsync(tomorrow.LeadId, $"{store}-m1", store)).Claimed);
    }

    [Fact]
    public async Task AClaimWithoutFollowUpReturnsToThePoolAndTheClaimantCoolsDown()
    {
        var store = await _chain.NewStoreAsync();
        var pool = _chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var posted = await pool.PostAsync(new PostPoolLead("钱七", Chain.NewPhone(), VisitChannel.Partner));
        Assert.True((await pool.ClaimAsync(posted.LeadId, $"{store}-m1", store)).Claimed);
        Assert.Equal(store, (await _chain.LeadAsync(posted.LeadId)).StoreId);

        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(_chain.Store(store));
        await Eventually.UntilAsync(async () => (await _chain.LeadAsync(posted.LeadId)).StoreId is null, "the lead is back in the pool");

        var again = await pool.ClaimAsync(posted.LeadId, $"{store}-m1", store);
        Assert.Equal("cooling_down", again.Refusal);
        Assert.True((await pool.ClaimAsync(posted.LeadId, $"{store}-m2", store)).Claimed);
    }
}
