using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Tests.Infrastructure;
using Orleans.Crm.Tests.Providers.TestGrains;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Providers;

/// <summary>Orleans's ADO.NET reminder table on the project's scripts.</summary>
public sealed class ReminderTableTests
{
    [Fact]
    public async Task RemindersRegisteredBeforeAFullClusterRestartFireAfterItOnSilosSplittingTheRing()
    {
        await using var silos = await ProviderSilos.CreateAsync("reminders_restart");
        await silos.StartSiloAsync();
        await silos.StartSiloAsync();
        var probes = Enumerable.Range(0, 30).Select(i => $"probe-{i}").ToList();
        foreach (var probe in probes)
        {
            await silos.Grains().GetGrain<IReminderProbeGrain>(probe).StartAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        }

        await silos.StopAllSilosAsync();
        var stoppedAt = DateTime.UtcNow;

        // Nothing runs now: the reminders exist only as rows.
        Assert.Equal(30L, await Sql.ScalarAsync<long>(silos.ConnectionString, "SELECT count(*) FROM crm_reminder WHERE service_id = @service", ("service", silos.ServiceId)));

        // New silos, same database and ServiceId: the two share the ring, each reads its own ranges of the table.
        await silos.StartSiloAsync();
        await silos.StartSiloAsync();
        foreach (var probe in probes)
        {
            var grain = silos.Grains(1).GetGrain<IReminderProbeGrain>(probe);
            await Eventually.GetAsync(grain.GetFiringsAsync, f => f.LastUtc > stoppedAt, $"{probe}'s reminder to fire after the restart");
        }

        // The same 30 rows fired: nothing was registered anew.
        Assert.Equal(30L, await Sql.ScalarAsync<long>(silos.ConnectionString, "SELECT count(*) FROM crm_reminder"));
    }

    [Fact]
    public async Task AReminderRowKeepsItsFieldsAndIsRemovedOnlyWithItsCurrentETag()
    {
        await using var silos = await ProviderSilos.CreateAsync("reminders_rows");
        await silos.StartSiloAsync();
        var table = silos.Running[0].Services.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("probe", "table-1");

        // In the future (nothing fires during the test), whole milliseconds (PostgreSQL keeps microseconds), and a
        // period above int.MaxValue milliseconds, which Orleans sends as a 64-bit value.
        var start = DateTime.UtcNow.AddDays(30);
        start = new DateTime(start.Ticks - (start.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        var first = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "monthly", StartAt = start, Period = TimeSpan.FromDays(40) });

        var stored = await table.ReadRow(grain, "monthly");
        Assert.NotNull(stored);
        Assert.Equal((grain, "monthly", start, TimeSpan.FromDays(40), first), (stored.GrainId, stored.ReminderName, stored.StartAt, stored.Period, stored.ETag));

        var second = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "monthly", StartAt = start, Period = TimeSpan.FromMinutes(1) });
        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromMinutes(1), (await table.ReadRow(grain, "monthly"))!.Period);

        await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "weekly", StartAt = start, Period = TimeSpan.FromDays(7) });
        Assert.Equal(["monthly", "weekly"], (await table.ReadRows(grain)).Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.Null(await table.ReadRow(grain, "yearly"));

        Assert.False(await table.RemoveRow(grain, "monthly", first!));
        Assert.NotNull(await table.ReadRow(grain, "monthly"));
        Assert.True(await table.RemoveRow(grain, "monthly", second!));
        Assert.Null(await table.ReadRow(grain, "monthly"));

        // Clearing the table clears this service's reminders only.
        await Sql.ExecuteAsync(
            silos.ConnectionString,
            "INSERT INTO crm_reminder VALUES ('another-service', 'probe/other', 'daily', 0, now(), 60000, 1)");
        await table.TestOnlyClearTable();
        Assert.Equal(["another-service"], (await Sql.RowsAsync(silos.ConnectionString, "SELECT service_id FROM crm_reminder")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task RangeReadsPartitionTheRingWithoutGapsOrOverlaps()
    {
        await using var silos = await ProviderSilos.CreateAsync("reminders_ring");
        await silos.StartSiloAsync();
        var table = silos.Running[0].Services.GetRequiredService<IReminderTable>();
        var start = DateTime.UtcNow.AddDays(30);
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("probe", $"ring-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = start, Period = TimeSpan.FromMinutes(1) });
        }

        var hashes = grains.ToDictionary(g => g.ToString(), g => g.GetUniformHashCode());
        var sorted = hashes.Values.Order().ToList();

        // Boundaries on both sides of the signed wrap point (0x7FFFFFFF | 0x80000000), at 0 and uint.MaxValue,
        // and exactly on stored hashes (a range excludes its start and includes its end).
        var boundaries = new SortedSet<uint> { 0, 0x7FFFFFFF, 0x80000000, uint.MaxValue, sorted[5], sorted[17], sorted[30] }.ToList();
        var seen = new List<string>();
        for (var i = 0; i < boundaries.Count; i++)
        {
            var begin = boundaries[i];
            var end = boundaries[(i + 1) % boundaries.Count];
            var found = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).ToList();
            var expected = hashes.Where(h => InRange(h.Value, begin, end)).Select(h => h.Key);
            Assert.Equal(expected.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
            seen.AddRange(found);
        }

        Assert.Equal(hashes.Keys.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));

        // Begin = End is the whole ring, wherever it starts.
        Assert.Equal(40, (await table.ReadRows(0, 0)).Reminders.Count);
        Assert.Equal(40, (await table.ReadRows(sorted[3], sorted[3])).Reminders.Count);
    }

    /// <summary>Orleans's ring range (begin, end], clockwise over uint, wrapping past uint.MaxValue.</summary>
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
