using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// Feedback forms and late entries on the ADO.NET providers and the PostgreSQL journal: the store-local day's forms come
/// back from <c>crm_journal</c>, and a paper form's registration is found at the time the visitor really came.
/// </summary>
public sealed class IntakePostgresTests
{
    [Fact]
    public async Task FeedbackAndLateEntriesAreReadFromThePostgresJournalByStoreLocalTime()
    {
        // 00:30 on Sunday in Shanghai is still Saturday in UTC: the list follows the store's calendar.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 30, 0, TimeSpan.FromHours(8)));
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, clock: clock);
        var chain = new Chain(cluster.Client);
        var store = await chain.NewStoreAsync();
        var reports = cluster.Client.GetGrain<IReportsGrain>(0);

        var form = await chain.Store(store).RecordFeedbackAsync(new RecordFeedback("赵六", "021-6488 1234", ["样板间"], null), "fb-1");
        var friday = clock.GetUtcNow().AddDays(-2);
        var late = await chain.Store(store).RegisterVisitAsync(new RegisterVisit("张三", Chain.NewPhone(), VisitChannel.WalkIn, RegisteredAt: friday, PaperNumber: "P-5"), "late-1");

        var sunday = await reports.GetStoreFeedbackAsync(store, new DateOnly(2026, 11, 22), "Asia/Shanghai");
        var saturday = await reports.GetStoreFeedbackAsync(store, new DateOnly(2026, 11, 21), "Asia/Shanghai");
        var registered = await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.LeadRegistered], store, From: friday.AddMinutes(-1), To: friday.AddMinutes(1)));

        var kept = Assert.Single(sunday);
        Assert.Equal((form.FeedbackId, "021-64881234"), (kept.FeedbackId, kept.Phone));
        Assert.Empty(saturday);
        Assert.Equal(late.LeadId, Assert.Single(registered).Subject);
    }
}
