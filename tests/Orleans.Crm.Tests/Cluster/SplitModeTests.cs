using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Grains;
using Orleans.Crm.Tests.Infrastructure;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Cluster;

/// <summary>
/// Silos as real processes on one PostgreSQL database (ADO.NET clustering, storage and reminders), called through an
/// Orleans client configured as a split-mode gateway is.
/// </summary>
public sealed class SplitModeTests
{
    [Fact]
    public async Task AVisitRetriedAfterItsSiloWasKilledReturnsTheFirstResultAndIsAppliedOnce()
    {
        var cluster = new ClusterEnvironment(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("split"));
        var environments = new[] { cluster.Silo(), cluster.Silo() };
        await using var silo0 = await AppProcess.StartSiloAsync("silo-0", environments[0]);
        await using var silo1 = await AppProcess.StartSiloAsync("silo-1", environments[1]);
        await using var client = await ClusterClientHost.StartAsync(cluster);
        var chain = new Chain(client.Client);
        var store = Chain.NewStoreId();
        await chain.Store(store).ConfigureAsync(Chain.Setup(store, groups: 1));
        var visit = new RegisterVisit("王小明", Chain.NewPhone(), VisitChannel.WalkIn);
        var commandId = $"visit-{Guid.NewGuid():N}";
        var first = await chain.Store(store).RegisterVisitAsync(visit, commandId);

        // Kill whichever silo hosts the store: its activation dies with it.
        var host = await client.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(chain.Store(store));
        var (victim, survivor) = host!.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) == environments[0]["Orleans__SiloPort"] ? (silo0, silo1) : (silo1, silo0);
        await victim.KillAsync();

        // The client did not see the answer and resends the same command until some silo takes it.
        var failures = 0;
        VisitRegistered again;
        while (true)
        {
            try
            {
                again = await chain.Store(store).RegisterVisitAsync(visit, commandId);
                break;
            }
            catch (Exception e) when (e is not CrmException)
            {
                failures++;
                Assert.True(failures < 200, $"the cluster did not recover: {e.Message}\n{survivor.RecentOutput}");
                await Task.Delay(100);
            }
        }

        Assert.Equal((first.LeadId, first.RunningNumber), (again.LeadId, again.RunningNumber));
        Assert.Equal(2, (await chain.VisitAsync(store)).RunningNumber);
        var moved = await client.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(chain.Store(store));
        Assert.NotEqual(host, moved);
        var rules = await Assert.ThrowsAsync<CrmException>(() => chain.VisitAsync(store, "not a phone"));
        Assert.Equal("phone", rules.Field);
    }

    [Fact]
    public async Task ASiloDrainingOnSigtermLosesNoAcknowledgedCommand()
    {
        var cluster = new ClusterEnvironment(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("drain"));
        await using var silo0 = await AppProcess.StartSiloAsync("silo-0", cluster.Silo());
        await using var silo1 = await AppProcess.StartSiloAsync("silo-1", cluster.Silo());
        await using var client = await ClusterClientHost.StartAsync(cluster);
        var chain = new Chain(client.Client);
        var store = Chain.NewStoreId();
        await chain.Store(store).ConfigureAsync(Chain.Setup(store, groups: 2));

        using var stop = new CancellationTokenSource();
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        var retries = 0;
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var commandId = $"w{w}-{n++}";
                var visit = new RegisterVisit("客户", Chain.NewPhone(), VisitChannel.WalkIn);
                while (true)
                {
                    try
                    {
                        acknowledged[commandId] = (await chain.Store(store).RegisterVisitAsync(visit, commandId)).LeadId;
                        break;
                    }
                    catch (Exception e) when (e is not CrmException)
                    {
                        // Retry the same command until it is acknowledged.
                        Interlocked.Increment(ref retries);
                        await Task.Delay(50);
                    }
                }
            }
        })).ToArray();

        await Eventually.UntilAsync(() => Task.FromResult(acknowledged.Count > 50), "visits are acknowledged before the drain");
        await silo0.TerminateAsync(TimeSpan.FromSeconds(40));
        var atDrain = acknowledged.Count;
        await Eventually.UntilAsync(() => Task.FromResult(acknowledged.Count > atDrain + 50), "visits go on after the drain");
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // Every command was resent until answered, so the store's leads are exactly the acknowledged ones: running
        // numbers 1 to N without a gap or a double, each readable from the store.
        Assert.True(retries > 0 || acknowledged.Count > atDrain, "no visit went through the drain");
        var leads = new List<LeadView>();
        foreach (var id in acknowledged.Values)
        {
            leads.Add(await chain.LeadAsync(id));
        }

        Assert.Equal(Enumerable.Range(1, acknowledged.Count), leads.Select(l => l.RunningNumber!.Value).Order());
        Assert.All(leads, l => Assert.Equal(store, l.StoreId));
    }
}
