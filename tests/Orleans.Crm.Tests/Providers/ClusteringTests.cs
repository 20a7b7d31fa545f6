using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Crm.Silo.Persistence;
using Orleans.Crm.Tests.Infrastructure;
using Orleans.Crm.Tests.Providers.TestGrains;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Orleans.Crm.Tests.Providers;

/// <summary>Orleans's ADO.NET clustering on the project's scripts: the table contract, then live silos.</summary>
public sealed class ClusteringTests
{
    [Fact]
    public async Task ACrashedSiloIsDeclaredDeadByTheOthersAndAClientFindsOnlyLiveGateways()
    {
        await using var silos = await ProviderSilos.CreateAsync("clustering_crash");
        await using var victimLogin = await DatabaseLogin.CreateAsync(silos.ConnectionString);
        var versions = new List<int>();

        var first = await silos.StartSiloAsync();
        await silos.StartSiloAsync();

        // The victim gives up its own last writes quickly once cut off (it retries them until MaxJoinAttemptTime).
        var victim = await silos.StartSiloAsync(
            victimLogin.ConnectionString,
            silo => silo.Configure<ClusterMembershipOptions>(o => o.MaxJoinAttemptTime = TimeSpan.FromSeconds(5)));
        var victimAddress = ProviderSilos.Address(victim);
        await Eventually.UntilAsync(async () => (await StatusesAsync(silos)).Count(s => s.Status == 3) == 3, "three Active silos in the membership table");
        versions.Add(await TableVersionAsync(silos));

        var stopped = await silos.CrashSiloAsync(victim, victimLogin);
        var dead = await Eventually.GetAsync(
            async () => (await StatusesAsync(silos)).Single(s => s.Address == victimAddress.ToParsableString()),
            s => s.Status == 6,
            "the crashed silo to be declared Dead in the table");

        // Someone else wrote it: the survivors' suspicion votes are on the row.
        var survivors = silos.Running.Select(s => ProviderSilos.Address(s).Endpoint.ToString()).ToList();
        Assert.Contains(survivors, s => dead.SuspectTimes?.Contains(s, StringComparison.Ordinal) == true);
        versions.Add(await TableVersionAsync(silos));
        await stopped.WaitAsync(Eventually.Deadline);

        var newcomer = await silos.StartSiloAsync();
        var newcomerAddress = ProviderSilos.Address(newcomer).ToParsableString();
        await Eventually.UntilAsync(async () => (await StatusesAsync(silos)).Any(s => s.Address == newcomerAddress && s.Status == 3), "the new silo to become Active");
        versions.Add(await TableVersionAsync(silos));

        // A client that knows only the database finds exactly the live gateways and reaches a grain through them.
        var client = await silos.StartClientAsync();
        var gatewayList = client.Services.GetRequiredService<IGatewayListProvider>();
        var livePorts = silos.Running.Select(s => ProviderSilos.Gateway(s)!.Endpoint.Port).Order().ToList();
        await Eventually.GetAsync(
            async () => (await gatewayList.GetGateways()).Select(g => g.Port).Order().ToList(),
            ports => ports.SequenceEqual(livePorts),
            "the client's gateway list to be the three live silos");
        var counter = client.Services.GetRequiredService<IClusterClient>().GetGrain<IPersistedCounterGrain>("via-client");
        Assert.True(await Eventually.GetAsync(counter.IncrementAsync, value => value >= 1, "a grain call through a gateway") >= 1);

        Assert.True(versions.SequenceEqual(versions.Distinct().Order()) && versions.Count == 3, $"table versions {string.Join(", ", versions)} must keep increasing");

        // Cleanup with a cutoff in the future: every row is "old", yet only the Dead one goes.
        await first.Services.GetRequiredService<IMembershipTable>().CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        var remaining = await StatusesAsync(silos);
        Assert.DoesNotContain(remaining, s => s.Address == victimAddress.ToParsableString());
        Assert.Equal(3, remaining.Count(s => s.Status == 3));
    }

    [Fact]
    public async Task TheMembershipTableChangesOnlyAtTheVersionItWasReadAt()
    {
        var (table, _, _) = await NewTableAsync("membership_versions");
        var now = WholeMilliseconds(DateTime.UtcNow);

        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var a = Entry(11111, SiloStatus.Joining, now);
        var b = Entry(11112, SiloStatus.Joining, now);
        Assert.True(await table.InsertRowAsync(a, empty.Version.Next()));

        // Another silo acting on the same (now stale) snapshot changes nothing.
        Assert.False(await table.InsertRowAsync(b, empty.Version.Next()));
        var one = await table.ReadAllAsync();
        Assert.Equal(1, one.Version.Version);
        Assert.Equal(a.SiloAddress, Assert.Single(one.Members).Item1.SiloAddress);

        // A row that exists is not inserted twice, even at the current version.
        Assert.False(await table.InsertRowAsync(a, one.Version.Next()));
        Assert.True(await table.InsertRowAsync(b, one.Version.Next()));
        var two = await table.ReadAllAsync();
        Assert.Equal(2, two.Version.Version);

        var active = Entry(11111, SiloStatus.Active, now);
        active.SuspectTimes = [Tuple.Create(b.SiloAddress, now.AddSeconds(-5)), Tuple.Create(a.SiloAddress, now.AddSeconds(-1))];
        Assert.False(await table.UpdateRowAsync(active, one.Version.VersionEtag, one.Version.Next()));
        Assert.Equal(SiloStatus.Joining, Assert.Single((await table.ReadRowAsync(a.SiloAddress)).Members).Item1.Status);

        Assert.True(await table.UpdateRowAsync(active, two.Version.VersionEtag, two.Version.Next()));
        var row = await table.ReadRowAsync(a.SiloAddress);
        Assert.Equal(3, row.Version.Version);
        var stored = Assert.Single(row.Members).Item1;
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(active.SuspectTimes, stored.SuspectTimes);
        Assert.Equal((a.SiloName, a.HostName, a.ProxyPort, a.StartTime), (stored.SiloName, stored.HostName, stored.ProxyPort, stored.StartTime));

        // A member that is not there is not updated, and the version stays.
        var ghost = Entry(11119, SiloStatus.Active, now);
        Assert.False(await table.UpdateRowAsync(ghost, row.Version.VersionEtag, row.Version.Next()));
        var absent = await table.ReadRowAsync(ghost.SiloAddress);
        Assert.Empty(absent.Members);
        Assert.Equal(3, absent.Version.Version);

        // Heartbeats move IAmAliveTime forward only and never the version.
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = a.SiloAddress, IAmAliveTime = now.AddMinutes(1) });
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = a.SiloAddress, IAmAliveTime = now.AddSeconds(30) });
        var beat = await table.ReadRowAsync(a.SiloAddress);
        Assert.Equal(now.AddMinutes(1), Assert.Single(beat.Members).Item1.IAmAliveTime);
        Assert.Equal(3, beat.Version.Version);

        // Nor does an update with an older IAmAliveTime (the one the updater had read) move it back.
        var suspected = Entry(11111, SiloStatus.Active, now);
        Assert.True(await table.UpdateRowAsync(suspected, beat.Version.VersionEtag, beat.Version.Next()));
        Assert.Equal(now.AddMinutes(1), Assert.Single((await table.ReadRowAsync(a.SiloAddress)).Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task TheGatewayListHoldsActiveSilosWithAGatewayOnly()
    {
        var (table, connectionString, clusterId) = await NewTableAsync("membership_gateways");
        var now = WholeMilliseconds(DateTime.UtcNow);
        var version = (await table.ReadAllAsync()).Version;
        foreach (var (port, status, proxyPort) in new[] { (12001, SiloStatus.Active, 13001), (12002, SiloStatus.Joining, 13002), (12003, SiloStatus.Dead, 13003), (12004, SiloStatus.Active, 0) })
        {
            var entry = Entry(port, status, now);
            entry.ProxyPort = proxyPort;
            Assert.True(await table.InsertRowAsync(entry, version.Next()));
            version = (await table.ReadAllAsync()).Version;
        }

        var provider = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = "Npgsql", ConnectionString = connectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "service" }));
        await provider.InitializeGatewayListProvider();

        var gateway = Assert.Single(await provider.GetGateways());
        Assert.Equal(13001, gateway.Port);

        // Forgetting the cluster removes its members and its version; starting again begins at version 0.
        await table.DeleteMembershipTableEntriesAsync(clusterId);
        Assert.Empty(await provider.GetGateways());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM crm_cluster_member"));
        await table.InitializeMembershipTableAsync(true);
        var fresh = await table.ReadAllAsync();
        Assert.Empty(fresh.Members);
        Assert.Equal(0, fresh.Version.Version);
    }

    [Fact]
    public async Task CleanupDeletesOnlyDeadRowsOlderThanTheCutoff()
    {
        var (table, connectionString, clusterId) = await NewTableAsync("membership_cleanup");
        var now = WholeMilliseconds(DateTime.UtcNow);
        var longAgo = now.AddHours(-3);
        var cutoff = now.AddHours(-1);

        var activeOld = Entry(14001, SiloStatus.Active, longAgo);
        var stoppingOld = Entry(14002, SiloStatus.ShuttingDown, longAgo);
        var deadOld = Entry(14003, SiloStatus.Dead, longAgo);
        var deadRecentlyAlive = Entry(14004, SiloStatus.Dead, longAgo);
        deadRecentlyAlive.IAmAliveTime = now.AddMinutes(-10);
        var deadRecentlyStarted = Entry(14005, SiloStatus.Dead, now.AddMinutes(-10));
        var version = (await table.ReadAllAsync()).Version;
        foreach (var entry in new[] { activeOld, stoppingOld, deadOld, deadRecentlyAlive, deadRecentlyStarted })
        {
            Assert.True(await table.InsertRowAsync(entry, version.Next()));
            version = (await table.ReadAllAsync()).Version;
        }

        // Orleans 10.4.2 with CleanupDefunctSiloEntryKey: it picks the rows, the query deletes each if unchanged.
        await table.CleanupDefunctSiloEntriesAsync(cutoff);
        Assert.Equal([14001, 14002, 14004, 14005], await PortsAsync(connectionString, clusterId));

        // The per-row query re-checks the row: a changed heartbeat or a live status keeps it.
        var perRow = await Sql.QueryTextAsync(connectionString, "CleanupDefunctSiloEntryKey");
        Assert.Equal(0, await Sql.ExecuteAsync(connectionString, perRow, RowParameters(clusterId, deadRecentlyAlive, iAmAliveTime: longAgo)));
        Assert.Equal(0, await Sql.ExecuteAsync(connectionString, perRow, RowParameters(clusterId, activeOld, iAmAliveTime: activeOld.IAmAliveTime)));
        Assert.Equal([14001, 14002, 14004, 14005], await PortsAsync(connectionString, clusterId));

        // Without that key Orleans falls back to the bulk query: any cutoff, however late, spares the living.
        await Sql.ExecuteAsync(connectionString, "DELETE FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntryKey'");
        var (bulkTable, _, _) = await NewTableAsync(connectionString, clusterId);
        await bulkTable.CleanupDefunctSiloEntriesAsync(cutoff);
        Assert.Equal([14001, 14002, 14004, 14005], await PortsAsync(connectionString, clusterId));
        await bulkTable.CleanupDefunctSiloEntriesAsync(now.AddMinutes(1));
        Assert.Equal([14001, 14002], await PortsAsync(connectionString, clusterId));
    }

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime startTime) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
        Status = status,
        ProxyPort = port + 1000,
        HostName = "host",
        SiloName = $"silo-{port}",
        StartTime = startTime,
        IAmAliveTime = startTime,
    };

    private static (string Name, object? Value)[] RowParameters(string clusterId, MembershipEntry entry, DateTime iAmAliveTime) =>
    [
        ("DeploymentId", clusterId),
        ("Address", entry.SiloAddress.Endpoint.Address.ToString()),
        ("Port", entry.SiloAddress.Endpoint.Port),
        ("Generation", entry.SiloAddress.Generation),
        ("SuspectTimes", ""),
        ("StartTime", entry.StartTime),
        ("IAmAliveTime", iAmAliveTime),
    ];

    private static DateTime WholeMilliseconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    private static async Task<(AdoNetClusteringTable Table, string ConnectionString, string ClusterId)> NewTableAsync(string databasePrefix)
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(databasePrefix);
        await CrmDatabaseSchema.ApplyAsync(connectionString, CancellationToken.None);
        return await NewTableAsync(connectionString, $"cluster-{Guid.NewGuid():N}");
    }

    /// <summary>The silo-side table as Orleans builds it (queries loaded, version row created).</summary>
    private static async Task<(AdoNetClusteringTable Table, string ConnectionString, string ClusterId)> NewTableAsync(string connectionString, string clusterId)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "service" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(true);
        return (table, connectionString, clusterId);
    }

    private static async Task<List<int>> PortsAsync(string connectionString, string clusterId) =>
        (await Sql.RowsAsync(connectionString, "SELECT port FROM crm_cluster_member WHERE cluster_id = @cluster ORDER BY port", ("cluster", clusterId)))
        .Select(r => (int)r[0]!)
        .ToList();

    private static async Task<List<(string Address, int Status, string? SuspectTimes)>> StatusesAsync(ProviderSilos silos) =>
        (await Sql.RowsAsync(
            silos.ConnectionString,
            "SELECT address || ':' || port || '@' || generation, status, suspect_times FROM crm_cluster_member WHERE cluster_id = @cluster",
            ("cluster", silos.ClusterId)))
        .Select(r => ((string)r[0]!, (int)r[1]!, (string?)r[2]))
        .ToList();

    private static Task<int> TableVersionAsync(ProviderSilos silos) =>
        Sql.ScalarAsync<int>(silos.ConnectionString, "SELECT version FROM crm_cluster_version WHERE cluster_id = @cluster", ("cluster", silos.ClusterId));
}
