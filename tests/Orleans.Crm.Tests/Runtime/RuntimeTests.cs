using System.Text.Json;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Runtime;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Runtime;

public sealed class RuntimeTests
{
    public static TheoryData<StorageKind> Providers => [StorageKind.Memory, StorageKind.Postgres];

    private static string NewKey() => $"k-{Guid.NewGuid():N}";

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThousandConcurrentCallsToOneGrainLeaveTheExactCount(StorageKind kind)
    {
        await using var cluster = await TestCluster.StartAsync(kind);
        var grain = cluster[0].GrainFactory.GetGrain<ICounterGrain>(NewKey());

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(grain.IncrementAsync)));

        Assert.Equal(1000, await grain.GetAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoSilosIncrementingOneGrainLoseNoUpdateAndReallyConflicted(StorageKind kind)
    {
        await using var cluster = await TestCluster.StartAsync(kind, silos: 2);
        var key = NewKey();
        var references = cluster.Silos.Select(s => s.GrainFactory.GetGrain<ICounterGrain>(key)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => references[i % 2].IncrementAsync())));

        await cluster[0].Runtime.DeactivateAllAsync();
        Assert.Equal(200, await references[0].GetAsync());
        var conflicts = cluster.Silos.Sum(s => s.Runtime.Statistics.Conflicts);
        Assert.True(conflicts > 0, "the two silos never conflicted: the race did not happen");
        Assert.Equal(200, cluster.Silos.Sum(s => s.Runtime.Statistics.Commits));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FailureAfterTheFirstRowOfAMultiGrainCommitLeavesNoRowChanged(StorageKind kind)
    {
        await using var cluster = await TestCluster.StartAsync(kind);
        var (from, to) = (NewKey(), NewKey());
        var factory = cluster[0].GrainFactory;
        await factory.GetGrain<ICounterGrain>(from).IncrementAsync();
        await factory.GetGrain<ICounterGrain>(to).IncrementAsync();

        // The storage itself fails the commit after writing the first of the two rows.
        cluster.Faults.FailAfterRows = 1;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.GetGrain<ICounterGrain>(from).TransferAsync(to, 5));
        cluster.Faults.FailAfterRows = null;

        Assert.Contains("injected failure after 1 written row", error.Message, StringComparison.Ordinal);
        await cluster[0].Runtime.DeactivateAllAsync();
        Assert.Equal(1, await factory.GetGrain<ICounterGrain>(from).GetAsync());
        Assert.Equal(1, await factory.GetGrain<ICounterGrain>(to).GetAsync());

        await factory.GetGrain<ICounterGrain>(from).TransferAsync(to, 5);
        Assert.Equal(-4, await factory.GetGrain<ICounterGrain>(from).GetAsync());
        Assert.Equal(6, await factory.GetGrain<ICounterGrain>(to).GetAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheSameCommandSentTenTimesConcurrentlyAppliesOnceAndAllGetTheSameResult(StorageKind kind)
    {
        await using var cluster = await TestCluster.StartAsync(kind, silos: 2);
        var key = NewKey();
        var commandId = $"cmd-{Guid.NewGuid():N}";

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            using (RequestContext.WithCommandId(commandId))
            {
                return await cluster.Silos[i % 2].GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync();
            }
        })));

        Assert.All(results, r => Assert.Equal(1, r));
        await cluster[0].Runtime.DeactivateAllAsync();
        Assert.Equal(1, await cluster[0].GrainFactory.GetGrain<ICounterGrain>(key).GetAsync());

        using (RequestContext.WithCommandId($"cmd-{Guid.NewGuid():N}"))
        {
            Assert.Equal(2, await cluster[0].GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ConcurrentCommitsComeOutOfTheOutboxGapFreeInCommitOrder(StorageKind kind)
    {
        await using var cluster = await TestCluster.StartAsync(kind, silos: 2);
        var stream = $"store-{Guid.NewGuid():N}";
        var grains = Enumerable.Range(0, 8).Select(_ => NewKey()).ToArray();
        var outbox = cluster[0].Runtime.Storage;

        // A reader tails the stream while the writers race: paging "after the last sequence seen" must
        // never skip an event that a slower transaction commits later.
        using var writersDone = new CancellationTokenSource();
        var tailed = new List<OutboxEvent>();
        var tail = Task.Run(async () =>
        {
            while (true)
            {
                var finished = writersDone.IsCancellationRequested;
                var page = await outbox.ReadAsync(stream, tailed.Count == 0 ? 0 : tailed[^1].Sequence, 50);
                tailed.AddRange(page);
                if (finished && page.Count == 0)
                {
                    return;
                }
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 240).Select(i => Task.Run(() =>
            cluster.Silos[i % 2].GrainFactory.GetGrain<ICounterGrain>(grains[i % grains.Length]).AppendEventAsync(stream))));
        await writersDone.CancelAsync();
        await tail;

        var all = await outbox.ReadAsync(stream, 0, 1000);
        Assert.Equal(Enumerable.Range(1, 240).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(all.Select(e => e.Sequence), tailed.Select(e => e.Sequence));
        Assert.Equal(240, await outbox.LastSequenceAsync(stream));

        // Each grain's own events are in the order its commits happened.
        var perGrain = all.Select(e => JsonSerializer.Deserialize<CountedEvent>(e.Payload, GrainJson.Options)!).GroupBy(e => e.Grain);
        Assert.All(perGrain, g => Assert.Equal(Enumerable.Range(1, 30), g.Select(e => e.N)));

        var resumed = await outbox.ReadAsync(stream, 100, 1000);
        Assert.Equal(Enumerable.Range(101, 140).Select(i => (long)i), resumed.Select(e => e.Sequence));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ADueReminderFiresExactlyOnceWithTwoSilosPolling(StorageKind kind)
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(kind, silos: 2, timeProvider: clock);
        var keys = Enumerable.Range(0, 20).Select(_ => NewKey()).ToArray();
        foreach (var key in keys)
        {
            await cluster[0].GrainFactory.GetGrain<ICounterGrain>(key).ScheduleAsync("three-day", clock.GetUtcNow().AddDays(3));
        }

        clock.Advance(TimeSpan.FromDays(3));
        await WaitUntilAsync(async () => (await Task.WhenAll(keys.Select(k => cluster[1].GrainFactory.GetGrain<ICounterGrain>(k).GetStateAsync()))).All(s => s.Fired >= 1));
        await Task.Delay(500);

        await cluster[0].Runtime.DeactivateAllAsync();
        await cluster[1].Runtime.DeactivateAllAsync();
        var states = await Task.WhenAll(keys.Select(k => cluster[0].GrainFactory.GetGrain<ICounterGrain>(k).GetStateAsync()));
        Assert.All(states, s => Assert.Equal(1, s.Fired));
        Assert.Equal(20, cluster.Silos.Sum(s => s.Runtime.Statistics.RemindersFired));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AReminderScheduledBeforeARestartFiresAfterIt(StorageKind kind)
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(kind, timeProvider: clock);
        var key = NewKey();
        await cluster[0].GrainFactory.GetGrain<ICounterGrain>(key).ScheduleAsync("callback", clock.GetUtcNow().AddHours(1));

        await cluster.KillSiloAsync(0);
        clock.Advance(TimeSpan.FromHours(2));
        var restarted = await cluster.RestartSiloAsync(0);

        await WaitUntilAsync(async () => (await restarted.GrainFactory.GetGrain<ICounterGrain>(key).GetStateAsync()).Fired == 1);
    }

    [Fact]
    public async Task AReminderLeasedByAKilledSiloFiresOnAnotherAfterTheLease()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(StorageKind.Postgres, silos: 1, timeProvider: clock, configure: o => o.ReminderLease = TimeSpan.FromMinutes(1));
        var key = NewKey();
        await cluster[0].GrainFactory.GetGrain<ICounterGrain>(key).ScheduleAsync("sla", clock.GetUtcNow().AddMinutes(5));

        // A silo that claims the reminder and dies before handling it.
        clock.Advance(TimeSpan.FromMinutes(5));
        var claimed = await cluster[0].Runtime.Storage.ClaimDueRemindersAsync("doomed", clock.GetUtcNow(), TimeSpan.FromMinutes(1), 10, CancellationToken.None);
        Assert.Contains(claimed, r => r.GrainKey == key);
        await Task.Delay(400);
        Assert.Equal(0, (await cluster[0].GrainFactory.GetGrain<ICounterGrain>(key).GetStateAsync()).Fired);

        clock.Advance(TimeSpan.FromMinutes(2));
        await WaitUntilAsync(async () => (await cluster[0].GrainFactory.GetGrain<ICounterGrain>(key).GetStateAsync()).Fired == 1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeactivationAndReactivationKeepState(StorageKind kind)
    {
        await using var cluster = await TestCluster.StartAsync(kind, configure: o => o.IdleDeactivation = TimeSpan.FromMilliseconds(200));
        var key = NewKey();
        var grain = cluster[0].GrainFactory.GetGrain<ICounterGrain>(key);
        await grain.IncrementAsync();
        await grain.IncrementAsync();
        var before = cluster[0].Runtime.Statistics.Deactivations;

        await WaitUntilAsync(() => Task.FromResult(cluster[0].Runtime.Statistics.Deactivations > before && cluster[0].Runtime.ActivationCount == 0));

        Assert.Equal(3, await grain.IncrementAsync());
    }

    [Fact]
    public async Task StateSurvivesARestartOfEverySilo()
    {
        await using var cluster = await TestCluster.StartAsync(StorageKind.Postgres);
        var key = NewKey();
        await cluster[0].GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync();

        await cluster.StopSiloAsync(0);
        var restarted = await cluster.RestartSiloAsync(0);

        Assert.Equal(2, await restarted.GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AReadOnAnotherSiloSeesAnAcknowledgedWriteAtOnce(StorageKind kind)
    {
        await using var cluster = await TestCluster.StartAsync(kind, silos: 2);
        var key = NewKey();
        var (writer, reader) = (cluster[0].GrainFactory.GetGrain<ICounterGrain>(key), cluster[1].GrainFactory.GetGrain<ICounterGrain>(key));
        Assert.Equal(0, await reader.GetAsync());

        for (var i = 1; i <= 5; i++)
        {
            await writer.IncrementAsync();
            Assert.Equal(i, await reader.GetAsync());
        }

        Assert.True(cluster[1].Runtime.Statistics.StaleReads >= 5, "the reader's cached row was never stale: nothing was tested");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACallCycleFailsAtOnceWithAClearError(StorageKind kind)
    {
        await using var cluster = await TestCluster.StartAsync(kind);
        var (a, b) = (NewKey(), NewKey());

        var error = await Assert.ThrowsAsync<GrainCallCycleException>(() => cluster[0].GrainFactory.GetGrain<ICounterGrain>(a).PingThroughAsync(b));

        Assert.Contains("Call cycle", error.Message, StringComparison.Ordinal);
        Assert.Contains(a, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GrainToGrainCallsWork(StorageKind kind)
    {
        await using var cluster = await TestCluster.StartAsync(kind);
        var (a, b) = (NewKey(), NewKey());

        Assert.Equal(2, await cluster[0].GrainFactory.GetGrain<ICounterGrain>(a).IncrementTwiceViaOtherAsync(b));
        Assert.Equal(2, await cluster[0].GrainFactory.GetGrain<ICounterGrain>(b).GetAsync());
    }

    [Fact]
    public async Task ARetriedClientCommandDoesNotRepeatItsGrainToGrainCalls()
    {
        await using var cluster = await TestCluster.StartAsync(StorageKind.Postgres);
        var (a, b) = (NewKey(), NewKey());
        var commandId = $"cmd-{Guid.NewGuid():N}";

        for (var i = 0; i < 3; i++)
        {
            using (RequestContext.WithCommandId(commandId))
            {
                Assert.Equal(2, await cluster[0].GrainFactory.GetGrain<ICounterGrain>(a).IncrementTwiceViaOtherAsync(b));
            }
        }

        Assert.Equal(2, await cluster[0].GrainFactory.GetGrain<ICounterGrain>(b).GetAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACallThatKeepsConflictingGivesUpWithAConflictError(StorageKind kind)
    {
        await using var cluster = await TestCluster.StartAsync(kind, silos: 2, configure: o => o.MaxAttempts = 1);
        var key = NewKey();
        await cluster[0].GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync();
        await cluster[1].GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync();

        // Silo 0's cached version is now stale; with one attempt allowed its next write must give up.
        var error = await Assert.ThrowsAsync<GrainConflictException>(() => cluster[0].GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync());

        Assert.Equal(1, error.Attempts);
        Assert.Equal(2, await cluster[1].GrainFactory.GetGrain<ICounterGrain>(key).GetAsync());
    }

    [Fact]
    public async Task ACommitWhoseOutcomeIsUnknownIsLookedUpAndNeverAppliedTwice()
    {
        await using var cluster = await TestCluster.StartAsync(StorageKind.Memory);
        var key = NewKey();
        var grain = cluster[0].GrainFactory.GetGrain<ICounterGrain>(key);
        await grain.IncrementAsync();

        // The commit reaches the database, then the connection "drops" before the acknowledgement.
        var storage = (Silo.Storage.Memory.MemoryGrainStorage)cluster[0].Runtime.Storage;
        storage.FailAfterCommit = 1;

        Assert.Equal(2, await grain.IncrementAsync());

        Assert.Equal(1, cluster[0].Runtime.Statistics.UnknownOutcomes);
        await cluster[0].Runtime.DeactivateAllAsync();
        Assert.Equal(2, await grain.GetAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(50);
        }
    }
}
