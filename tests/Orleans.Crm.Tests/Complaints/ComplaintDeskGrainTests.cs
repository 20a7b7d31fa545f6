using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Grains;
using Orleans.Crm.Tests.Infrastructure;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Complaints;

/// <summary>
/// The complaint desk on an Orleans test cluster with a fake clock: the sweep (delivered as its reminder would) marks
/// missed deadlines once, events are numbered without gaps, repeats are recorded against whoever missed, and a sweep
/// after a silo died takes effect once.
/// </summary>
public sealed class ComplaintDeskGrainTests
{
    [Fact]
    public async Task AMissedDeadlineIsMarkedByTheSweepOnceAndMetDeadlinesAreNot()
    {
        var clock = NewClock();
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, silos: 1, clock: clock);
        var store = Chain.NewStoreId();
        var desk = cluster.Client.GetGrain<IComplaintDeskGrain>(store);
        var phone = Chain.NewPhone();
        var counted = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CrmMetrics.MeterName && instrument.Name == "crm.complaint.breaches")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray();
            if (tagged.Any(t => t.Key == "store" && (string?)t.Value == store))
            {
                counted.Add((string)tagged.Single(t => t.Key == "step").Value!);
            }
        });
        listener.Start();

        var filed = await desk.FileAsync(new FileComplaint(null, phone, null, "phone", "卫生间漏水", true, "fd-1"), "file-1");
        Assert.Equal(CrmTestCluster.Identity.IdOf(phone), filed.CustomerId);
        Assert.Equal(clock.GetUtcNow().AddMinutes(10), filed.DepartmentNotifiedBy);

        clock.Advance(TimeSpan.FromMinutes(8));
        await desk.RecordStepAsync(filed.ComplaintId, new RecordComplaintStep(ComplaintSteps.ReplyPromised, "半小时内回复", null, null, null, "cs-1"), "s-1");
        clock.Advance(TimeSpan.FromMinutes(3));
        await SweepAsync(desk);
        await SweepAsync(desk);

        var view = (await desk.GetAsync(filed.ComplaintId))!;
        Assert.Equal(ComplaintSteps.Breached, view.State);
        var breach = Assert.Single(view.Breaches);
        Assert.Equal((ComplaintSteps.DepartmentNotified, ComplaintSteps.CustomerService, "cs-1"), (breach.Step, breach.Responsible, breach.ResponsiblePerson));

        var page = await desk.GetEventsAsync(0, 100);
        Assert.Equal(["filed", "step", "breached"], page.Events.Select(e => e.Type));
        Assert.Equal([1L, 2L, 3L], page.Events.Select(e => e.Sequence));
        var breached = Assert.Single(await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.ComplaintBreached], store)));
        Assert.Equal(filed.ComplaintId, breached.Subject);
        Assert.Single(await desk.ListAsync(ComplaintSteps.Breached));
        Assert.Empty(await desk.ListAsync(ComplaintSteps.Open));
        Assert.Equal([ComplaintSteps.DepartmentNotified], counted);
    }

    [Fact]
    public async Task ARepeatComplaintIsRecordedAgainstWhoeverMissedAndTheReportCountsIt()
    {
        var clock = NewClock();
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, silos: 1, clock: clock);
        var store = Chain.NewStoreId();
        var desk = cluster.Client.GetGrain<IComplaintDeskGrain>(store);
        var phone = Chain.NewPhone();
        var project = $"{CrmTestCluster.Identity.IdOf(phone)}-p1";

        var first = await desk.FileAsync(new FileComplaint(null, phone, project, "phone", "墙面开裂", false, "fd-1"), "a");
        await desk.RecordStepAsync(first.ComplaintId, new RecordComplaintStep(ComplaintSteps.DepartmentNotified, null, "工程部", "李工", null, "cs-1"), "b");
        clock.Advance(TimeSpan.FromHours(13));
        await SweepAsync(desk);

        // The same customer about another matter is not a repeat; about the same project it is.
        var other = await desk.FileAsync(new FileComplaint(null, phone, null, "phone", "发票", false, "fd-1"), "c");
        var again = await desk.FileAsync(new FileComplaint(null, phone, project, "phone", "墙面还在裂", false, "fd-1"), "d");

        Assert.Null(other.RepeatOf);
        Assert.Equal(first.ComplaintId, again.RepeatOf);
        var repeat = Assert.Single(await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.ComplaintRepeat], store)));
        var data = JsonSerializer.Deserialize<ComplaintRepeat>(repeat.Data, CrmJson.Options)!;
        Assert.Equal(first.ComplaintId, data.PreviousComplaintId);
        Assert.Contains(data.Missed, m => m.Step == ComplaintSteps.Checked && m.Responsible == "工程部" && m.ResponsiblePerson == "李工");
        Assert.Contains(data.Missed, m => m.Step == ComplaintSteps.CustomerTold && m.Responsible == ComplaintSteps.CustomerService);

        var week = System.Globalization.ISOWeek.GetWeekOfYear(new DateTime(2026, 11, 24));
        var report = await cluster.Client.GetGrain<IReportsGrain>(0).GetComplaintWeekAsync(store, "Asia/Shanghai", 2026, week);
        var row = Assert.Single(report.Stores);
        Assert.Equal((3, 1), (row.Received, row.RepeatComplaints));
        Assert.Equal(3, row.Breaches);
        Assert.Contains(row.BreachesByStep, c => c.Step == ComplaintSteps.Checked && c.Count == 1);
        Assert.Contains(row.MedianTimes, m => m.Step == ComplaintSteps.DepartmentNotified && m.Count == 1);
    }

    [Fact]
    public async Task AClosedComplaintIsARepeatWithinSevenDaysAndADissatisfiedCallReopens()
    {
        var clock = NewClock();
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, silos: 1, clock: clock);
        var store = Chain.NewStoreId();
        var desk = cluster.Client.GetGrain<IComplaintDeskGrain>(store);
        var phone = Chain.NewPhone();

        var first = await desk.FileAsync(new FileComplaint(null, phone, null, "phone", "噪音", false, "fd-1"), "a");
        var reopened = await desk.RecordStepAsync(first.ComplaintId, new RecordComplaintStep(ComplaintSteps.SatisfactionCall, null, null, null, false, "cs-1"), "b");
        Assert.Equal((ComplaintSteps.Open, 2), (reopened.State, reopened.Round));
        var closed = await desk.RecordStepAsync(first.ComplaintId, new RecordComplaintStep(ComplaintSteps.SatisfactionCall, null, null, null, true, "cs-1"), "c");
        Assert.Equal(ComplaintSteps.Closed, closed.State);

        clock.Advance(TimeSpan.FromDays(6));
        var within = await desk.FileAsync(new FileComplaint(null, phone, null, "phone", "又有噪音", false, "fd-1"), "d");
        Assert.Equal(first.ComplaintId, within.RepeatOf);
        await desk.RecordStepAsync(within.ComplaintId, new RecordComplaintStep(ComplaintSteps.SatisfactionCall, null, null, null, true, "cs-1"), "e");

        clock.Advance(TimeSpan.FromDays(8));
        await SweepAsync(desk);
        var later = await desk.FileAsync(new FileComplaint(null, phone, null, "phone", "第三次", false, "fd-1"), "f");
        Assert.Null(later.RepeatOf);

        // The closed complaints past the window left the desk's state (they live in the journal).
        Assert.Null(await desk.GetAsync(first.ComplaintId));
        Assert.Single(await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.ComplaintReopened], store)));
        Assert.Equal(2, (await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.ComplaintClosed], store))).Count);
    }

    [Fact]
    public async Task ARetriedFilingReturnsTheFirstComplaintAndBadInputChangesNothing()
    {
        var clock = NewClock();
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, silos: 1, clock: clock);
        var desk = cluster.Client.GetGrain<IComplaintDeskGrain>(Chain.NewStoreId());
        var filing = new FileComplaint(null, Chain.NewPhone(), null, "phone", "漏水", true, "fd-1");

        var bad = await Assert.ThrowsAsync<CrmException>(() => desk.FileAsync(filing with { Phone = "12" }, "x"));
        Assert.Equal("phone", bad.Field);
        var first = await desk.FileAsync(filing, "same");
        clock.Advance(TimeSpan.FromMinutes(1));
        var again = await desk.FileAsync(filing, "same");

        Assert.Equal((first.ComplaintId, first.ReceivedAt), (again.ComplaintId, again.ReceivedAt));
        Assert.Single(await desk.ListAsync(null));
        Assert.Equal(1, (await desk.GetFeedPositionAsync()).Sequence);
    }

    [Fact]
    public async Task ASweepAfterTheDesksSiloDiedTakesEffectOnce()
    {
        var clock = NewClock();
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, silos: 2, clock: clock);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var victim = cluster.Silos[1];

        // A desk whose activation lives on the silo that will die (placement is random: file until one does).
        IComplaintDeskGrain? desk = null;
        ComplaintView? filed = null;
        for (var i = 0; i < 40 && desk is null; i++)
        {
            var candidate = cluster.Client.GetGrain<IComplaintDeskGrain>(Chain.NewStoreId());
            var complaint = await candidate.FileAsync(new FileComplaint(null, Chain.NewPhone(), null, "phone", "漏水", true, "fd-1"), $"f{i}");
            if (victim.SiloAddress.Equals(await management.GetActivationAddress(candidate)))
            {
                (desk, filed) = (candidate, complaint);
            }
        }

        Assert.NotNull(desk);
        clock.Advance(TimeSpan.FromMinutes(11));
        await SweepAsync(desk);
        await cluster.KillSiloAsync(victim);

        // The reminder fires again on the new activation (at-least-once): nothing is marked twice.
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                await SweepAsync(desk);
                return true;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                return false;
            }
        }, "the desk answers on the surviving silo");
        await SweepAsync(desk);

        Assert.NotEqual(victim.SiloAddress, await management.GetActivationAddress(desk));
        var view = (await desk.GetAsync(filed!.ComplaintId))!;
        Assert.Single(view.Breaches);
        Assert.Equal(2, (await desk.GetFeedPositionAsync()).Sequence);
        Assert.Single(await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.ComplaintBreached], filed.StoreId)));

        // A deadline that passes after the restart is marked once too.
        clock.Advance(TimeSpan.FromMinutes(20));
        await SweepAsync(desk);
        await SweepAsync(desk);
        Assert.Equal(2, (await desk.GetAsync(filed.ComplaintId))!.Breaches.Length);
        Assert.Equal(3, (await desk.GetFeedPositionAsync()).Sequence);
    }

    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8)));

    private static Task SweepAsync(IComplaintDeskGrain desk) => desk.AsReference<IRemindable>().ReceiveReminder(ComplaintDeskGrain.SweepReminder, default);
}
