using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Grains;
using Orleans.Crm.Tests.Infrastructure;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Orleans.Crm.Tests.Board;

/// <summary>
/// The board when the cluster changes underneath it: several gateways (each a co-hosted silo of one cluster on one
/// PostgreSQL database) each streaming every store, the store grain's silo stopping, its activation being replaced,
/// and observers that would lapse without renewal. Screens must keep seeing every event once, in order.
/// </summary>
public sealed class BoardFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoGatewaysOnOneDatabaseEachStreamEveryStoresEventsWithoutGaps()
    {
        await using var gatewayA = await GatewayFactory.OnPostgresAsync();
        await using var gatewayB = new GatewayFactory(gatewayA.ConnectionString);
        var apiA = new BoardApi(gatewayA.CreateClient());
        var apiB = new BoardApi(gatewayB.CreateClient());
        gatewayA.AssertStorage();
        gatewayB.AssertStorage();
        var stores = new[] { BoardApi.NewStoreId("s1"), BoardApi.NewStoreId("s2"), BoardApi.NewStoreId("s3") };
        var managers = new Dictionary<string, string>();
        for (var i = 0; i < stores.Length; i++)
        {
            await (i % 2 == 0 ? apiA : apiB).CreateStoreAsync(stores[i]);
            managers[stores[i]] = await apiA.TokenAsync("manager", stores[i], $"{stores[i]}-m1");
        }

        var screens = new List<(string Store, ScreenClient OnA, ScreenClient OnB)>();
        try
        {
            foreach (var store in stores)
            {
                screens.Add((store,
                    await ScreenClient.SubscribeAsync(gatewayA, managers[store], store),
                    await ScreenClient.SubscribeAsync(gatewayB, await apiB.TokenAsync("supervisor", store), store)));
            }

            // Writes through both processes, concurrently, so each store's commits come from either gateway.
            await Task.WhenAll(stores.Select(async store =>
            {
                var manager = managers[store];
                var leads = await Task.WhenAll(
                    apiA.VisitAsync(store, manager, "王小明"),
                    apiB.VisitAsync(store, manager, "张伟"),
                    apiA.VisitAsync(store, manager, "刘洋"));
                await Task.WhenAll(apiB.DispatchAsync(leads[0], $"{store}-m1", manager), apiA.DispatchAsync(leads[1], $"{store}-m1", manager));
                await apiB.CloseAsync(leads[0], manager);
            }));

            foreach (var (store, onA, onB) in screens)
            {
                var last = await apiA.BoardSequenceAsync(store, managers[store]);
                await onA.WaitForSequenceAsync(last);
                await onB.WaitForSequenceAsync(last);
                onA.AssertNoViolations();
                onB.AssertNoViolations();
                var snapshotA = onA.Of(BoardMessages.BoardSnapshot).Single().Sequence;
                var snapshotB = onB.Of(BoardMessages.BoardSnapshot).Single().Sequence;
                Assert.Equal(BoardStreamTests.Range(snapshotA + 1, last), onA.EventSequencesSinceSnapshot());
                Assert.Equal(BoardStreamTests.Range(snapshotB + 1, last), onB.EventSequencesSinceSnapshot());
                Assert.True(last >= Math.Max(snapshotA, snapshotB) + 6, $"store {store}: expected 6 events after the snapshots, the board is at {last}");
                Assert.Equal(
                    BoardStreamTests.Describe(onA.Events.Where(e => e.Sequence > snapshotB)),
                    BoardStreamTests.Describe(onB.Events.Where(e => e.Sequence > snapshotA)));
                Assert.All(onA.Events.Concat(onB.Events), e => Assert.Equal(store, e.Argument.GetProperty("storeId").GetString()));
            }
        }
        finally
        {
            foreach (var (_, onA, onB) in screens)
            {
                await onA.DisposeAsync();
                await onB.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ScreensResumeAndCatchUpWithin15SecondsWhenTheSiloHostingTheStoreStops()
    {
        var first = await GatewayFactory.OnPostgresAsync();
        var second = new GatewayFactory(first.ConnectionString);
        await using var disposeFirst = first;
        await using var disposeSecond = second;
        var store = BoardApi.NewStoreId();
        await new BoardApi(first.CreateClient()).CreateStoreAsync(store);
        _ = second.Server;

        // The gateway whose silo has the store's activation is the one to stop.
        var grains = first.Services.GetRequiredService<IGrainFactory>();
        var host = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IStoreGrain>(store));
        var doomed = host!.Equals(SiloOf(first)) ? first : second;
        var survivor = doomed == first ? second : first;
        Assert.Equal(host, SiloOf(doomed));
        var api = new BoardApi(survivor.CreateClient());
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        var display = await api.TokenAsync("display", store);

        // One screen on the surviving gateway; one on the doomed gateway, which reconnects to the survivor when it goes.
        WebApplicationFactory<Program> moving = doomed;
        await using var staying = await ScreenClient.SubscribeAsync(survivor, display, store);
        await using var moved = await ScreenClient.ConnectAsync(() => moving, display);
        await moved.SubscribeAsync(store);
        await api.VisitAsync(store, manager);
        var before = await api.BoardSequenceAsync(store, manager);
        await staying.WaitForSequenceAsync(before);
        await moved.WaitForSequenceAsync(before);

        moving = survivor;
        await doomed.DisposeAsync();
        var stopped = Stopwatch.StartNew();
        var lead = await api.VisitWithRetryAsync(store, manager);
        var acknowledged = stopped.Elapsed;
        await api.DispatchWithRetryAsync(lead, $"{store}-m1", manager);
        var last = await BoardApi.RetryAsync(() => api.BoardSequenceAsync(store, manager));
        Assert.True(last >= before + 2);

        // Measured from the commits' acknowledgement: the screens cannot show an event before the cluster took it.
        var committed = Stopwatch.StartNew();
        await staying.WaitForSequenceAsync(last, TimeSpan.FromSeconds(15));
        var stayingCaughtUp = stopped.Elapsed;
        await moved.WaitForSequenceAsync(last, TimeSpan.FromSeconds(15) - committed.Elapsed);
        output.WriteLine($"silo stopped; first commit acknowledged after {acknowledged.TotalSeconds:0.0} s; screens caught up after {stayingCaughtUp.TotalSeconds:0.0} s (same gateway) and {stopped.Elapsed.TotalSeconds:0.0} s (reconnected)");

        // Heartbeats vouch for the board again: the feeds confirmed the new activation's position.
        foreach (var screen in new[] { staying, moved })
        {
            await screen.WaitForAsync(m => m.Target == BoardMessages.BoardHeartbeat && m.Sequence == last, "a heartbeat at the latest sequence", deadline: TimeSpan.FromSeconds(15));
        }

        foreach (var screen in new[] { staying, moved })
        {
            screen.AssertNoViolations();
            var snapshot = screen.Of(BoardMessages.BoardSnapshot).Single().Sequence;
            Assert.Equal(BoardStreamTests.Range(snapshot + 1, last), screen.EventSequencesSinceSnapshot());
        }

        Assert.True(moved.Reconnects >= 1, "the screen on the stopped gateway should have reconnected");
        Assert.Equal(0, staying.Reconnects);
    }

    [Fact]
    public async Task ScreensOfASplitModeGatewayCatchUpWithin15SecondsAfterTheSiloHostingTheStoreIsKilled()
    {
        // Two silo processes and a gateway that is only an Orleans client of them: its observers live in the client.
        var cluster = new ClusterEnvironment(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("board"));
        var environments = new[] { cluster.Silo(), cluster.Silo() };
        await using var silo0 = await AppProcess.StartSiloAsync("silo-0", environments[0]);
        await using var silo1 = await AppProcess.StartSiloAsync("silo-1", environments[1]);
        await using var gateway = new GatewayFactory(
            cluster.ConnectionString,
            cluster.ClientGateway().ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value));
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await BoardApi.RetryAsync(async () =>
        {
            await api.CreateStoreAsync(store);
            return true;
        });
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        await using var display = await ScreenClient.SubscribeAsync(gateway, await api.TokenAsync("display", store), store);
        await using var staff = await ScreenClient.SubscribeAsync(gateway, manager, store);
        await api.VisitAsync(store, manager);
        var before = await api.BoardSequenceAsync(store, manager);
        await display.WaitForSequenceAsync(before);
        await staff.WaitForSequenceAsync(before);

        // Kill -9 whichever silo hosts the store: its activation and the observers subscribed to it die unannounced.
        var grains = gateway.Services.GetRequiredService<IGrainFactory>();
        var host = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IStoreGrain>(store));
        var victim = host!.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) == environments[0]["Orleans__SiloPort"] ? silo0 : silo1;
        await victim.KillAsync();
        var killed = Stopwatch.StartNew();

        var lead = await api.VisitWithRetryAsync(store, manager);
        var acknowledged = killed.Elapsed;
        var last = await BoardApi.RetryAsync(() => api.BoardSequenceAsync(store, manager));
        Assert.True(last >= before + 1);
        // Measured from the commit's acknowledgement: the screens cannot show an event before the cluster took it (a
        // command in flight to the killed silo may wait out Orleans's response timeout first).
        var committed = Stopwatch.StartNew();
        await display.WaitForSequenceAsync(last, TimeSpan.FromSeconds(15));
        await staff.WaitForSequenceAsync(last, TimeSpan.FromSeconds(15) - committed.Elapsed);
        output.WriteLine($"silo killed; first commit acknowledged after {acknowledged.TotalSeconds:0.0} s; screens caught up after {killed.Elapsed.TotalSeconds:0.0} s");
        foreach (var screen in new[] { display, staff })
        {
            await screen.WaitForAsync(m => m.Target == BoardMessages.BoardHeartbeat && m.Sequence == last, "a heartbeat at the latest sequence", deadline: TimeSpan.FromSeconds(15));
        }

        // And the new activation pushes to the feed's new subscription.
        await api.DispatchWithRetryAsync(lead, $"{store}-m1", manager);
        last = await api.BoardSequenceAsync(store, manager);
        await display.WaitForSequenceAsync(last);
        await staff.WaitForSequenceAsync(last);
        foreach (var screen in new[] { display, staff })
        {
            screen.AssertNoViolations();
            var snapshot = screen.Of(BoardMessages.BoardSnapshot).Single().Sequence;
            Assert.Equal(BoardStreamTests.Range(snapshot + 1, last), screen.EventSequencesSinceSnapshot());
        }
    }

    [Fact]
    public async Task AfterTheStoreGrainGetsANewActivationTheFeedSubscribesAgainAndEventsArePushed()
    {
        // Position checks rare enough that an event arriving well before the next one was pushed to a fresh subscription.
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Board:PollInterval"] = "00:00:20",
            ["Board:ResubscribeInterval"] = "00:00:30",
            ["Board:StaleAfter"] = "00:01:00",
        });
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        await using var screen = await ScreenClient.SubscribeAsync(gateway, manager, store);
        await screen.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "the snapshot");

        var grains = gateway.Services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<IStoreGrain>(store);
        var original = (await grain.GetFeedPositionAsync()).ActivationId;
        await grains.GetGrain<IManagementGrain>(0).DeactivateGrain(grain.GetGrainId(), CancellationToken.None);
        await Eventually.UntilAsync(async () => (await grain.GetFeedPositionAsync()).ActivationId != original, "a new activation of the store");

        // The new activation has no subscribers: this event reaches the screen through the feed's position check,
        // which also finds the new activation and subscribes to it at once.
        await api.VisitAsync(store, manager);
        await screen.WaitForSequenceAsync(await api.BoardSequenceAsync(store, manager), TimeSpan.FromSeconds(45));

        for (var i = 0; i < 3; i++)
        {
            await api.VisitAsync(store, manager);
            var sent = Stopwatch.StartNew();
            await screen.WaitForSequenceAsync(await api.BoardSequenceAsync(store, manager));
            // Half the poll interval: a polled event would wait for the next position check (a slow machine still pushes faster).
            Assert.True(sent.Elapsed < TimeSpan.FromSeconds(10), $"event {i} took {sent.Elapsed.TotalSeconds:0.0} s: it was polled, not pushed");
        }

        screen.AssertNoViolations();
    }

    [Fact]
    public async Task AFeedRenewsItsSubscriptionSoEventsKeepArrivingPastTheObserverExpiry()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Grains:ObserverExpiry"] = "00:00:05",
            ["Board:ResubscribeInterval"] = "00:00:01",
            ["Board:PollInterval"] = "00:00:30",
            ["Board:HeartbeatInterval"] = "00:00:02",
            ["Board:StaleAfter"] = "00:02:00",
        });
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        await using var screen = await ScreenClient.SubscribeAsync(gateway, manager, store);
        await screen.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "the snapshot");

        // Heartbeats as the clock: six of them span twice the observer expiry. Without renewals the grain would have
        // dropped the observer by then, and with position checks 30 s apart the events below would come late.
        await screen.UntilAsync(() => screen.Of(BoardMessages.BoardHeartbeat).Count >= 6, "six heartbeats");

        for (var i = 0; i < 3; i++)
        {
            await api.VisitAsync(store, manager);
            var sent = Stopwatch.StartNew();
            await screen.WaitForSequenceAsync(await api.BoardSequenceAsync(store, manager));
            Assert.True(sent.Elapsed < TimeSpan.FromSeconds(15), $"event {i} took {sent.Elapsed.TotalSeconds:0.0} s: it waited for a position check");
        }

        screen.AssertNoViolations();
    }

    private static SiloAddress SiloOf(WebApplicationFactory<Program> gateway) =>
        gateway.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
}
