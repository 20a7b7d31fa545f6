using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Grains;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Journal;

/// <summary>The pool keeps recent claims in its state and finds older ones in the journal, so its state stays bounded.</summary>
public sealed class PoolClaimMemoryTests
{
    [Fact]
    public async Task AClaimOlderThanThePoolsMemoryIsStillFoundAndStillRefusesOthers()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)));
        var lookups = 0;
        await using var cluster = await CrmTestCluster.StartAsync(
            StorageKind.Memory,
            silos: 1,
            clock: clock,
            wrapJournal: (_, journal) => new CountingJournal(journal, () => Interlocked.Increment(ref lookups)));
        var chain = new Chain(cluster.Client);
        var (a, b) = (await chain.NewStoreAsync(), await chain.NewStoreAsync());
        var pool = chain.Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var posted = await pool.PostAsync(new PostPoolLead("孙八", Chain.NewPhone(), VisitChannel.Web, "website"));
        Assert.True((await pool.ClaimAsync(posted.LeadId, $"{a}-m1", a)).Claimed);
        await Eventually.UntilAsync(async () => (await chain.Store(a).GetLeadAsync(posted.LeadId)) is not null, "the claimed lead reaches its store");
        Assert.Equal(0, lookups);

        clock.Advance(TimeSpan.FromDays(8));
        await Chain.SweepAsync(pool);

        var refused = await pool.ClaimAsync(posted.LeadId, $"{b}-m1", b);
        Assert.False(refused.Claimed);
        Assert.Equal(("already_claimed", $"{a}-m1", a), (refused.Refusal, refused.ClaimedBy!.ManagerId, refused.ClaimedBy.StoreId));
        Assert.Equal(a, (await chain.LeadAsync(posted.LeadId)).StoreId);

        // The pool no longer held the claim: both answers came from the journal's lead-claimed event.
        Assert.True(lookups >= 2, $"the journal was asked {lookups} time(s)");
        Assert.Single(await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.LeadClaimed], Subject: posted.LeadId)));
    }

    private sealed class CountingJournal(IJournal inner, Action counted) : IJournal
    {
        public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(entries, cancellationToken);

        public Task<IReadOnlyList<JournalEntry>> ReadAsync(JournalQuery query, CancellationToken cancellationToken = default)
        {
            if (query.Kinds.Contains(JournalKinds.LeadClaimed))
            {
                counted();
            }

            return inner.ReadAsync(query, cancellationToken);
        }

        public Task<IReadOnlyList<JournalTask>> TasksAsync(TaskQuery query, CancellationToken cancellationToken = default) =>
            inner.TasksAsync(query, cancellationToken);

        public Task<IReadOnlyList<JournalSearchRow>> SearchAsync(JournalSearch query, CancellationToken cancellationToken = default) =>
            inner.SearchAsync(query, cancellationToken);

        public Task<long> LastSequenceAsync(string stream, CancellationToken cancellationToken = default) =>
            inner.LastSequenceAsync(stream, cancellationToken);

        public Task<int> RedactLeadAsync(string leadId, Func<string, string?> redact, CancellationToken cancellationToken = default) =>
            inner.RedactLeadAsync(leadId, redact, cancellationToken);
    }
}
