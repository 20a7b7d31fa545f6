using System.Diagnostics;
using Npgsql;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Silo.Persistence;
using Orleans.Crm.Tests.Infrastructure;
using Orleans.Runtime;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// Deposits at two stores at once on one customer, on a two-silo cluster with the ADO.NET providers on PostgreSQL, and a
/// silo killed between the win and the close of a third store's lead of the same customer: one owner, the loser's lead
/// closed with its slot freed, and the third lead closed as lost to the owner within 90 s of the kill, its slot freed
/// and its board told.
/// </summary>
/// <remarks>
/// To put the kill surely between the win and that close, the third store's state row is locked in PostgreSQL before
/// the race, so its store cannot save the close; the silo hosting that store is then killed while its write waits, and
/// the dead process's waiting connections are ended (a killed process's connections die with it; in the test process
/// they would otherwise live on and finish the write for the dead silo). Then the lock goes. The store's row version,
/// read without waiting, shows that nothing was saved before the kill.
/// </remarks>
public sealed class SigningRaceFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan AfterASiloDies = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan WithoutAFault = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task DepositsAtTwoStoresAtOnceLeaveOneOwnerAndTheOtherLeadsCloseEvenWhenASiloDiesBetweenTheWinAndTheClose()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, silos: 2);
        var chain = new Chain(cluster.Client);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var victim = cluster.Silos[1];

        // The bystander store C lives on the silo that will be killed (configured from it until placement puts it there).
        string? c = null;
        for (var i = 0; c is null; i++)
        {
            Assert.True(i < 40, "placement never put a store on the second silo");
            var candidate = Chain.NewStoreId();
            await new Chain(cluster.GrainFactoryOf(victim)).Store(candidate).ConfigureAsync(Chain.Setup(candidate, groups: 1));
            if (victim.SiloAddress.Equals(await management.GetActivationAddress(chain.Store(candidate))))
            {
                c = candidate;
            }
        }

        var (a, b) = (await chain.NewStoreAsync(groups: 1), await chain.NewStoreAsync(groups: 1));
        var phone = Chain.NewPhone();
        var (atA, dispatchA) = await chain.VisitAndDispatchAsync(a, $"{a}-m1", phone);
        var (atB, dispatchB) = await chain.VisitAndDispatchAsync(b, $"{b}-m1", phone);
        var (atC, dispatchC) = await chain.VisitAndDispatchAsync(c, $"{c}-m1", phone);
        var boardC = (await chain.Store(c).GetBoardAsync()).Sequence;
        Assert.Equal([atC.LeadId], await chain.HoldingAsync(dispatchC.DesignerId!));

        await using var locker = new NpgsqlConnection(cluster.ConnectionString);
        await locker.OpenAsync();
        var versionBefore = await StoreVersionAsync(cluster.ConnectionString!, c);
        var lockC = await locker.BeginTransactionAsync();
        await using (var select = new NpgsqlCommand("SELECT version FROM crm_grain_state WHERE state_name = 'store' AND key_extension = @c FOR UPDATE", locker, lockC))
        {
            select.Parameters.AddWithValue("c", KeyPreservingGrainStorage.KeyPrefix + c);
            Assert.NotNull(await select.ExecuteScalarAsync());
        }

        // The race: both deposits released at once, from both silos.
        var race = new RaceProbe();
        var fromA = race.Enlist(() => new Chain(cluster.GrainFactoryOf(cluster.Silos[0])).Store(a).RecordDepositAsync(atA.LeadId, new RecordDeposit(5000, "王小明"), "race-a"));
        var fromB = race.Enlist(() => new Chain(cluster.GrainFactoryOf(victim)).Store(b).RecordDepositAsync(atB.LeadId, new RecordDeposit(5000, "王小明"), "race-b"));
        race.Go();
        var answers = await Task.WhenAll(fromA, fromB);
        var wonAt = DateTimeOffset.UtcNow;

        Assert.Equal(2, race.MaxInFlight);
        var winner = Assert.Single(answers, x => x.Accepted);
        Assert.All(answers, x => Assert.Equal(winner.Owner, x.Owner));
        var (loserLead, loserDesigner) = winner.LeadId == atA.LeadId ? (atB.LeadId, dispatchB.DesignerId!) : (atA.LeadId, dispatchA.DesignerId!);
        var loser = await Eventually.GetAsync(() => chain.LeadAsync(loserLead), l => !l.Open, "the losing lead is closed", WithoutAFault);
        Assert.Equal((LeadStatus.Lost, CloseReasons.OwnedElsewhere, winner.Owner), (loser.Status, loser.CloseReason, loser.OwnedBy));
        Assert.DoesNotContain(loserLead, await chain.HoldingAsync(loserDesigner));

        // C has the notice but cannot save the close: its row is where it was before the win. Kill C's silo now.
        await Eventually.UntilAsync(() => Task.FromResult(WaitingWrites(cluster.ConnectionString!) > 0), "store C's write waits on the lock", WithoutAFault);
        Assert.Equal(versionBefore, await StoreVersionAsync(cluster.ConnectionString!, c));
        var customerHost = await management.GetActivationAddress(chain.Grains.GetGrain<ICustomerGrain>(atA.CustomerId));
        Assert.Equal(victim.SiloAddress, await management.GetActivationAddress(chain.Store(c)));
        var killedAt = DateTimeOffset.UtcNow;
        var sinceKill = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);
        var ended = await EndWaitingWritesAsync(cluster.ConnectionString!);
        Assert.Equal(versionBefore, await StoreVersionAsync(cluster.ConnectionString!, c));
        await lockC.RollbackAsync();

        var closed = await Eventually.GetAsync(() => chain.LeadAsync(atC.LeadId), l => !l.Open, "C's lead is closed as lost to the owner after the kill", AfterASiloDies);
        output.WriteLine($"won {wonAt:O}; killed {victim.SiloAddress} (hosting store {c}; customer on {customerHost}) {killedAt:O}, ended {ended} waiting write(s); C's lead closed {closed.ClosedAt:O}, {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");

        Assert.True(ended > 0, "no write of the killed silo was waiting");
        Assert.True(closed.ClosedAt > killedAt, $"C's lead was closed at {closed.ClosedAt:O}, before the kill at {killedAt:O}");
        Assert.True(winner.Owner.At < killedAt);
        Assert.Equal((LeadStatus.Lost, CloseReasons.OwnedElsewhere, winner.Owner), (closed.Status, closed.CloseReason, closed.OwnedBy));
        Assert.Empty(await chain.HoldingAsync(dispatchC.DesignerId!));
        Assert.NotEqual(victim.SiloAddress, await management.GetActivationAddress(chain.Store(c)));
        var events = await chain.Store(c).GetEventsAsync(boardC, 100);
        Assert.Contains(events.Events, e => e.Type == "lead-closed" && e.Change.Lead?.LeadId == atC.LeadId);
        var customer = (await chain.Grains.GetGrain<ICustomerGrain>(atA.CustomerId).GetAsync())!;
        Assert.Equal(winner.Owner, customer.Owner);
        Assert.Equal(winner.LeadId, Assert.Single(customer.OpenLeadIds));
    }

    private static async Task<int> StoreVersionAsync(string connectionString, string storeId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM crm_grain_state WHERE state_name = 'store' AND key_extension = @c", connection);
        command.Parameters.AddWithValue("c", KeyPreservingGrainStorage.KeyPrefix + storeId);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static int WaitingWrites(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (int)(long)command.ExecuteScalar()!;
    }

    /// <summary>Ends the connections waiting on the lock: the killed silo's, which would have died with its process.</summary>
    private static async Task<int> EndWaitingWritesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }
}
