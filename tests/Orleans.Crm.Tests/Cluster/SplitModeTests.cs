using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Remote;
using Orleans.Crm.Silo.Runtime;
using Orleans.Crm.Tests.Grains;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Cluster;

/// <summary>Silos as real processes, called over HTTP through the same grain interfaces a co-hosted gateway uses.</summary>
public sealed class SplitModeTests
{
    [Fact]
    public async Task CallsFailOverToAnotherSiloWithTheSameCommandIdAndNeverApplyTwice()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("split");
        await using var silo0 = await AppProcess.StartSiloAsync("silo-0", SiloEnvironment(connectionString));
        await using var silo1 = await AppProcess.StartSiloAsync("silo-1", SiloEnvironment(connectionString));
        var invoker = Client(silo0, silo1);
        var chain = new Chain(invoker);

        // A store whose calls go to silo 0 first, so that killing silo 0 forces the failover.
        var store = Chain.NewStoreId();
        while (HttpGrainCallInvoker.PreferredSilo(new GrainId(typeof(IStoreGrain).FullName!, store), 2) != 0)
        {
            store = Chain.NewStoreId();
        }

        await chain.Store(store).ConfigureAsync(Chain.Setup(store, groups: 1));

        var commandId = $"visit-{Guid.NewGuid():N}";
        VisitRegistered first;
        using (RequestContext.WithCommandId(commandId))
        {
            first = await chain.Store(store).RegisterVisitAsync(new RegisterVisit("王小明", Chain.NewPhone(), VisitChannel.WalkIn));
        }

        await silo0.KillAsync();

        // The client did not see the answer and resends: whichever silo takes it, the first result comes back.
        for (var i = 0; i < 4; i++)
        {
            using (RequestContext.WithCommandId(commandId))
            {
                var again = await chain.Store(store).RegisterVisitAsync(new RegisterVisit("王小明", Chain.NewPhone(), VisitChannel.WalkIn));
                Assert.Equal((first.LeadId, first.RunningNumber), (again.LeadId, again.RunningNumber));
            }
        }

        var next = await chain.VisitAsync(store);
        Assert.Equal(2, next.RunningNumber);
        Assert.True(invoker.Retries > 0, "no call was resent to another silo: the failover was not exercised");
        var rules = await Assert.ThrowsAsync<CrmException>(() => chain.VisitAsync(store, "not a phone"));
        Assert.Equal("phone", rules.Field);
    }

    [Fact]
    public async Task ASiloDrainingOnSigtermLosesNoAcknowledgedCommand()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("drain");
        await using var silo0 = await AppProcess.StartSiloAsync("silo-0", SiloEnvironment(connectionString));
        await using var silo1 = await AppProcess.StartSiloAsync("silo-1", SiloEnvironment(connectionString));
        var invoker = Client(silo0, silo1);
        var chain = new Chain(invoker);
        var store = Chain.NewStoreId();
        await chain.Store(store).ConfigureAsync(Chain.Setup(store, groups: 2));

        using var stop = new CancellationTokenSource();
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var commandId = $"w{w}-{n++}";
                var phone = Chain.NewPhone();
                while (true)
                {
                    try
                    {
                        using (RequestContext.WithCommandId(commandId))
                        {
                            acknowledged[commandId] = (await chain.Store(store).RegisterVisitAsync(new RegisterVisit("客户", phone, VisitChannel.WalkIn))).LeadId;
                        }

                        break;
                    }
                    catch (Exception e) when (e is SiloUnavailableException or GrainConflictException or TimeoutException)
                    {
                        // Retry the same command until it is acknowledged.
                    }
                }
            }
        })).ToArray();

        await Task.Delay(1500);
        await silo0.TerminateAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var board = await chain.Store(store).GetBoardAsync();
        var leads = board.TodayLeads.Select(l => l.LeadId).ToHashSet();
        Assert.Equal(acknowledged.Count, leads.Count);
        Assert.All(acknowledged.Values, id => Assert.Contains(id, leads));
        Assert.Equal(acknowledged.Count, acknowledged.Values.Distinct().Count());
        Assert.True(acknowledged.Count > 50, $"only {acknowledged.Count} visits: the run did no real work");
    }

    internal static Dictionary<string, string> SiloEnvironment(string connectionString) => new()
    {
        ["Storage__Provider"] = "postgres",
        ["ConnectionStrings__Crm"] = connectionString,
        ["HostOptions__ShutdownTimeout"] = "00:00:15",
        ["Runtime__ReminderPollInterval"] = "00:00:00.500",
    };

    private static HttpGrainCallInvoker Client(params AppProcess[] silos)
    {
        var options = new SiloClientOptions { CallTimeout = TimeSpan.FromSeconds(10), Attempts = 8 };
        foreach (var silo in silos)
        {
            options.Endpoints.Add(silo.Url.ToString());
        }

        return new HttpGrainCallInvoker(new HttpClient(), Options.Create(options), NullLogger<HttpGrainCallInvoker>.Instance);
    }
}
