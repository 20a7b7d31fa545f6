using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// Intake as the handbook runs it, through the store grain with a fixed Saturday clock: every registered field kept,
/// landlines as customer ids, paper forms entered late, feedback forms, and the rest day staffed by assignment, on two
/// silos sharing the cluster's journal (which feedback lists and reports read).
/// </summary>
public sealed class IntakeGrainTests : IAsyncLifetime
{
    // Saturday 2026-11-21 10:00 in Shanghai; the chain's stores rest on Mondays unless set up otherwise.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)));
    private static readonly DateOnly Saturday = new(2026, 11, 21);
    private CrmTestCluster _cluster = null!;
    private Chain _chain = null!;

    public async Task InitializeAsync()
    {
        _cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, clock: _clock);
        _chain = new Chain(_cluster.Client);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IReportsGrain Reports => _cluster.Client.GetGrain<IReportsGrain>(0);

    private IJournal Journal => _cluster.Journal;

    [Fact]
    public async Task EveryRegisteredFieldIsKeptAndReturned()
    {
        var store = await _chain.NewStoreAsync();
        var needs = new CustomerNeeds(120, "3室2厅", "新中式", "30万", "2027-03", "老人同住", NeedsSenior: true);

        var visit = await _chain.Store(store).RegisterVisitAsync(new RegisterVisit(
            "王小明", Chain.NewPhone(), VisitChannel.Referral, ReferrerName: " 李四 ", ReferrerPhone: "+86 138-0013-8000",
            Community: "翠湖天地", Address: "徐汇区漕溪北路 88 弄 3 号 1201", Needs: needs));
        var lead = (await _chain.Store(store).GetLeadAsync(visit.LeadId))!;

        Assert.Equal(("翠湖天地", "徐汇区漕溪北路 88 弄 3 号 1201"), (lead.Community, lead.Address));
        Assert.Equal(("李四", "13800138000"), (lead.ReferrerName, lead.ReferrerPhone));
        Assert.Equal(needs, lead.Needs);
        Assert.False(lead.LateEntry);
    }

    [Theory]
    [InlineData(null, null, "referrerName")]
    [InlineData("  ", null, "referrerName")]
    [InlineData("李四", "12345", "referrerPhone")]
    public async Task AReferralWithoutAReferrerOrWithABadReferrerPhoneIsRefusedAndRegistersNothing(string? referrer, string? referrerPhone, string field)
    {
        var store = await _chain.NewStoreAsync();

        var refused = await Assert.ThrowsAsync<CrmException>(() => _chain.Store(store).RegisterVisitAsync(
            new RegisterVisit("王小明", Chain.NewPhone(), VisitChannel.Referral, ReferrerName: referrer, ReferrerPhone: referrerPhone)));

        Assert.Equal((CrmErrorKind.Invalid, field), (refused.Kind, refused.Field));
        Assert.Equal(1, (await _chain.VisitAsync(store)).RunningNumber);
    }

    [Fact]
    public async Task ALandlineWrittenAnyWayIdentifiesTheSameCustomerAtEveryStore()
    {
        var (a, b) = (await _chain.NewStoreAsync(), await _chain.NewStoreAsync());
        var local = Random.Shared.Next(2_000_0000, 9_999_9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var first = await _chain.VisitAsync(a, $"021-{local[..4]} {local[4..]}");
        var second = await _chain.VisitAsync(b, $"+86 21 {local[..4]} {local[4..]}");
        var lead = (await _chain.Store(b).GetLeadAsync(second.LeadId))!;

        Assert.Equal(first.CustomerId, second.CustomerId);
        Assert.Equal(CrmTestCluster.Identity.IdOf($"021-{local}"), first.CustomerId);
        Assert.Equal($"021-{local}", lead.Phone);
        Assert.Equal(a, Assert.Single(second.Conflicts).StoreId);
    }

    [Fact]
    public async Task APaperFormEnteredLateKeepsItsVisitTimeForTheThreeDayRuleAndTakesTheNextNumber()
    {
        var store = await _chain.NewStoreAsync(rotationStart: Saturday);
        var thursday = _clock.GetUtcNow().AddDays(-2);
        var today = await _chain.VisitAsync(store);

        var late = await _chain.Store(store).RegisterVisitAsync(new RegisterVisit("张三", Chain.NewPhone(), VisitChannel.WalkIn, RegisteredAt: thursday, PaperNumber: "P-0042"));
        var lead = (await _chain.Store(store).GetLeadAsync(late.LeadId))!;

        Assert.Equal(2, late.RunningNumber);
        Assert.True(late.LateEntry && lead.LateEntry);
        Assert.Equal((thursday, "P-0042"), (lead.RegisteredAt, lead.PaperNumber));

        // Thursday was turn -2 of the rotation anchored on Saturday: its on-duty manager received the visitor.
        Assert.Equal((await _chain.Store(store).GetDutyAsync(Saturday.AddDays(-2))).ManagerId, late.ManagerId);
        Assert.NotEqual(today.ManagerId, late.ManagerId);

        // Reports see the visit at the time it happened.
        var registered = await Journal.ReadAsync(new JournalQuery([JournalKinds.LeadRegistered], StoreId: store, Subject: late.LeadId));
        var entry = Assert.Single(registered);
        Assert.Equal(thursday, entry.At);
        Assert.True(JsonSerializer.Deserialize<LeadRegistered>(entry.Data, CrmJson.Options)!.LateEntry);

        // Thursday + 3 days is Sunday 10:00; today's visit is due on Tuesday.
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(_chain.Store(store));
        Assert.NotEmpty((await _chain.Store(store).GetLeadAsync(late.LeadId))!.Tasks);
        Assert.Empty((await _chain.Store(store).GetLeadAsync(today.LeadId))!.Tasks);
    }

    [Theory]
    [InlineData(-7 * 24 * 60 - 1, "P-1", "registeredAt")]
    [InlineData(5, "P-1", "registeredAt")]
    [InlineData(-60, null, "paperNumber")]
    public async Task ALateEntryOutsideTheWindowInTheFutureOrWithoutItsFormIsRefusedAndRegistersNothing(int minutes, string? paperNumber, string field)
    {
        var store = await _chain.NewStoreAsync();

        var refused = await Assert.ThrowsAsync<CrmException>(() => _chain.Store(store).RegisterVisitAsync(
            new RegisterVisit("张三", Chain.NewPhone(), VisitChannel.WalkIn, RegisteredAt: _clock.GetUtcNow().AddMinutes(minutes), PaperNumber: paperNumber)));

        Assert.Equal((CrmErrorKind.Invalid, field), (refused.Kind, refused.Field));
        Assert.Equal(1, (await _chain.VisitAsync(store)).RunningNumber);
    }

    [Fact]
    public async Task APaperNumberWithoutItsVisitTimeIsRefused()
    {
        var store = await _chain.NewStoreAsync();

        var refused = await Assert.ThrowsAsync<CrmException>(() => _chain.Store(store).RegisterVisitAsync(
            new RegisterVisit("张三", Chain.NewPhone(), VisitChannel.WalkIn, PaperNumber: "P-7")));

        Assert.Equal("registeredAt", refused.Field);
    }

    [Fact]
    public async Task APaperFormIsEnteredOnceAndASecondEntryIsAConflict()
    {
        var store = await _chain.NewStoreAsync();
        var visited = _clock.GetUtcNow().AddHours(-3);
        await _chain.Store(store).RegisterVisitAsync(new RegisterVisit("张三", Chain.NewPhone(), VisitChannel.WalkIn, RegisteredAt: visited, PaperNumber: "P-9"));

        var refused = await Assert.ThrowsAsync<CrmException>(() => _chain.Store(store).RegisterVisitAsync(
            new RegisterVisit("张三", Chain.NewPhone(), VisitChannel.WalkIn, RegisteredAt: visited, PaperNumber: "P-9")));

        Assert.Equal((CrmErrorKind.Conflict, "paperNumber"), (refused.Kind, refused.Field));
        Assert.Equal(2, (await _chain.VisitAsync(store)).RunningNumber);
    }

    [Fact]
    public async Task APaperFormWhoseLeadIsClosedAlreadyIsStillNotEnteredTwice()
    {
        var store = await _chain.NewStoreAsync();
        var visited = _clock.GetUtcNow().AddDays(-2);
        var first = await _chain.Store(store).RegisterVisitAsync(new RegisterVisit("张三", Chain.NewPhone(), VisitChannel.WalkIn, RegisteredAt: visited, PaperNumber: "P-10"));
        await _chain.Store(store).CloseLeadAsync(first.LeadId, new CloseLead(LeadOutcome.Invalid, "other", Note: "test entry"));
        Assert.Null(await _chain.Store(store).GetLeadAsync(first.LeadId));

        var refused = await Assert.ThrowsAsync<CrmException>(() => _chain.Store(store).RegisterVisitAsync(
            new RegisterVisit("张三", Chain.NewPhone(), VisitChannel.WalkIn, RegisteredAt: visited, PaperNumber: "P-10")));

        Assert.Equal((CrmErrorKind.Conflict, "paperNumber"), (refused.Kind, refused.Field));
        Assert.Contains(first.LeadId, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFeedbackFormIsKeptInTheJournalOnceAndCreatesNoLead()
    {
        var store = await _chain.NewStoreAsync();
        var form = new RecordFeedback(" 赵六 ", "0377-632 1234", ["厨房", " 卫浴 "], "样板间很好");

        var first = await _chain.Store(store).RecordFeedbackAsync(form, "feedback-1");
        var again = await _chain.Store(store).RecordFeedbackAsync(form, "feedback-1");
        var list = await Reports.GetStoreFeedbackAsync(store, Saturday, "Asia/Shanghai");

        Assert.Equal(first, again);
        var kept = Assert.Single(list);
        Assert.Equal((first.FeedbackId, store, "赵六", "0377-6321234", "样板间很好"), (kept.FeedbackId, kept.StoreId, kept.Name, kept.Phone, kept.Comments));
        Assert.Equal(["厨房", "卫浴"], kept.VisitedAreas.ToList());
        Assert.Empty(await Reports.GetStoreFeedbackAsync(store, Saturday.AddDays(-1), "Asia/Shanghai"));
        Assert.Equal(1, (await _chain.VisitAsync(store)).RunningNumber);
    }

    [Fact]
    public async Task AnAnonymousFeedbackFormIsKeptButAnEmptyOneIsRefused()
    {
        var store = await _chain.NewStoreAsync();

        var kept = await _chain.Store(store).RecordFeedbackAsync(new RecordFeedback(null, null, [], "随便看看"));
        var empty = await Assert.ThrowsAsync<CrmException>(() => _chain.Store(store).RecordFeedbackAsync(new RecordFeedback("赵六", null, [], " ")));
        var badPhone = await Assert.ThrowsAsync<CrmException>(() => _chain.Store(store).RecordFeedbackAsync(new RecordFeedback(null, "12345", ["厨房"], null)));
        var blankArea = await Assert.ThrowsAsync<CrmException>(() => _chain.Store(store).RecordFeedbackAsync(new RecordFeedback(null, null, ["厨房", " "], null)));

        Assert.Equal(("visitedAreas", "phone", "visitedAreas[1]"), (empty.Field, badPhone.Field, blankArea.Field));
        var only = Assert.Single(await Reports.GetStoreFeedbackAsync(store, Saturday, "Asia/Shanghai"));
        Assert.Equal((kept.FeedbackId, (string?)null, (string?)null), (only.FeedbackId, only.Name, only.Phone));
    }

    [Fact]
    public async Task AnUnassignedRestDayIsAnAlertItsWalkInsWaitAndAnAssignmentHandsThemOver()
    {
        var storeId = Chain.NewStoreId();
        await _chain.Store(storeId).ConfigureAsync(Chain.Setup(storeId, rotationStart: Saturday, restDays: [DayOfWeek.Saturday]));
        var store = _chain.Store(storeId);

        var before = await store.GetBoardAsync();
        var walkIn = await _chain.VisitAsync(storeId);
        var appointment = await _chain.VisitAsync(storeId, appointmentWith: $"{storeId}-m3");
        var waiting = await store.GetBoardAsync();

        Assert.NotNull(before.DutyAlert);
        Assert.Equal((Saturday, true), (before.DutyAlert.Date, before.DutyAlert.IsRestDay));
        Assert.Null(walkIn.ManagerId);
        Assert.Equal($"{storeId}-m3", appointment.ManagerId);
        Assert.Equal([walkIn.LeadId], waiting.Unassigned!.Value.Select(l => l.LeadId));

        var assigned = await store.AssignDutyAsync(Saturday, $"{storeId}-m2");
        var after = await store.GetBoardAsync();
        var events = await store.GetEventsAsync(waiting.Sequence, 10);

        Assert.Equal([walkIn.LeadId], assigned.HandedOver.ToList());
        Assert.Equal(($"{storeId}-m2", true), (assigned.Duty.ManagerId, assigned.Duty.IsOverride));
        Assert.Equal($"{storeId}-m2", (await store.GetLeadAsync(walkIn.LeadId))!.ManagerId);
        Assert.Equal($"{storeId}-m2", Assert.Single(await _chain.Grains.GetGrain<ICustomerGrain>(walkIn.CustomerId).GetOpenLeadsAsync()).ManagerId);
        Assert.Null(after.DutyAlert);
        Assert.Empty(after.Unassigned!.Value);
        Assert.Contains(events.Events, e => e.Change.Kind == "lead-assigned" && e.Change.Lead!.LeadId == walkIn.LeadId && e.Change.Lead.ManagerId == $"{storeId}-m2");

        // The next walk-in goes straight to the assigned manager; assigning again hands over nothing more.
        Assert.Equal($"{storeId}-m2", (await _chain.VisitAsync(storeId)).ManagerId);
        Assert.Empty((await store.AssignDutyAsync(Saturday, $"{storeId}-m2")).HandedOver);
    }

    [Fact]
    public async Task AnAssignmentForAnotherDateLeavesTodaysUnassignedWalkInsWaiting()
    {
        var storeId = Chain.NewStoreId();
        await _chain.Store(storeId).ConfigureAsync(Chain.Setup(storeId, rotationStart: Saturday, restDays: [DayOfWeek.Saturday]));
        var walkIn = await _chain.VisitAsync(storeId);

        var assigned = await _chain.Store(storeId).AssignDutyAsync(Saturday.AddDays(7), $"{storeId}-m1");
        var refused = await Assert.ThrowsAsync<CrmException>(() => _chain.Store(storeId).AssignDutyAsync(Saturday, "stranger"));

        Assert.Empty(assigned.HandedOver);
        Assert.Equal("managerId", refused.Field);
        Assert.Null((await _chain.Store(storeId).GetLeadAsync(walkIn.LeadId))!.ManagerId);
        Assert.NotNull((await _chain.Store(storeId).GetBoardAsync()).DutyAlert);
    }

    [Fact]
    public async Task APaperFormFromAnUnassignedRestDayWaitsAndGoesToWhoeverIsAssignedForThatDate()
    {
        // Monday 2026-11-16 was a rest day nobody was assigned to; its paper form is entered on Saturday.
        var store = await _chain.NewStoreAsync(rotationStart: Saturday);
        var monday = new DateOnly(2026, 11, 16);
        var visited = new DateTimeOffset(2026, 11, 16, 15, 0, 0, TimeSpan.FromHours(8));

        var late = await _chain.Store(store).RegisterVisitAsync(new RegisterVisit("张三", Chain.NewPhone(), VisitChannel.WalkIn, RegisteredAt: visited, PaperNumber: "P-3"));
        var today = await _chain.Store(store).AssignDutyAsync(Saturday, $"{store}-m2");
        var that = await _chain.Store(store).AssignDutyAsync(monday, $"{store}-m3");

        Assert.Null(late.ManagerId);
        Assert.Empty(today.HandedOver);
        Assert.Equal([late.LeadId], that.HandedOver.ToList());
        Assert.Equal($"{store}-m3", (await _chain.Store(store).GetLeadAsync(late.LeadId))!.ManagerId);
    }
}
