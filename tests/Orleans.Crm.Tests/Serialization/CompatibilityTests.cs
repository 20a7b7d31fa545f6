using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Silo.Hosting;
using Orleans.Serialization;

namespace Orleans.Crm.Tests.Serialization;

/// <summary>
/// A rolling upgrade runs old and new silos side by side and reads rows old silos wrote. The fixtures were written by
/// the first Orleans version of the contracts (a store state row as the storage serializer writes it, and grain-call
/// messages as Orleans's serializer writes them); every later version must keep reading them.
/// </summary>
public sealed class CompatibilityTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures");

    [Fact]
    public void AStoreStateRowWrittenByTheFirstOrleansVersionStillReadsInFull()
    {
        var row = File.ReadAllBytes(Path.Combine(Fixtures, "store-state-v1.json"));

        var state = CrmStateSerializer.Instance.Deserialize<StoreState>(new BinaryData(row));

        Assert.Equal(("Store s1", Season.Normal, 2, 5L), (state.Name, state.Season, state.LastRunningNumber, state.Sequence));
        Assert.Equal(["s1-g1-d1", "s1-g1-d2"], state.Groups.Single().DesignerIds);
        Assert.Equal(new DateOnly(2026, 12, 1), state.Managers["s1-m1"].Leave.Single());
        Assert.Equal((false, 1, DesignerLevel.Style), (state.Designers["s1-g1-d2"].Present, state.Designers["s1-g1-d2"].Refusals, state.Designers["s1-g1-d2"].Level));
        var held = state.Leads["s1-1"];
        Assert.Equal(("王小明", true, 89.5m), (held.Name, held.HoldsSlot, held.Needs!.AreaSquareMetres));
        Assert.Equal("Chosen", held.Dispatches.Single().Explanation.Single().Outcome);
        Assert.Equal("cross-store", state.Leads["s1-2"].Conflicts.Single().Kind);
        Assert.Equal("s1-2", state.Queue.Single().LeadId);
        Assert.Equal("s1-g1-d1", state.Events.Single().Change.Designers!.Value.Single().DesignerId);
        Assert.Equal(PoolNotice.Settled, state.PoolNotices.Single().Kind);
        Assert.Equal("api:hq::hq:visit:s1:abc", state.Commands.Single().Id);
    }

    [Fact]
    public void StateRowsCarryNoTypeNamesSoTypesMayBeRenamedOrMoved()
    {
        var row = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Fixtures, "store-state-v1.json")));

        Assert.DoesNotContain("$type", row, StringComparison.Ordinal);
        Assert.DoesNotContain("Orleans.Crm", row, StringComparison.Ordinal);
    }

    [Fact]
    public void GrainCallMessagesWrittenByTheFirstOrleansVersionStillDeserialize()
    {
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(IStoreGrain).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();
        var messages = File.ReadAllLines(Path.Combine(Fixtures, "contracts-v1.txt")).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => Convert.FromBase64String(p[1]));

        var outcome = serializer.Deserialize<DispatchOutcome>(messages["DispatchOutcome"])!;
        var boardEvent = serializer.Deserialize<BoardEvent>(messages["BoardEvent"])!;
        var handoff = serializer.Deserialize<ClaimHandoff>(messages["ClaimHandoff"])!;
        var refusal = serializer.Deserialize<CrmException>(messages["CrmException"])!;

        Assert.Equal((DispatchOutcome.Dispatched, "s1-g1-d1", "Chosen"), (outcome.Result, outcome.DesignerId, outcome.Explanation.Single().Outcome));
        Assert.Equal((5L, "lead-dispatched", "王小明"), (boardEvent.Sequence, boardEvent.Type, boardEvent.Change.Lead!.CustomerName));
        Assert.Equal(("pool-3", "s1-m1", "30万", "call back after 6pm"), (handoff.LeadId, handoff.Holder.ManagerId, handoff.Needs!.Budget, handoff.FollowUps.Single().Note));
        Assert.Equal((CrmErrorKind.Conflict, "leadId", "Lead s1-9 is closed."), (refusal.Kind, refusal.Field, refusal.Message));
    }

    [Fact]
    public void EveryContractHasAStableAliasOfItsOwn()
    {
        var contracts = typeof(IStoreGrain).Assembly.GetTypes().Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null).ToList();
        var aliases = contracts.Select(t => t.GetCustomAttribute<AliasAttribute>()?.Alias).ToList();

        Assert.NotEmpty(contracts);
        Assert.All(contracts.Zip(aliases), c => Assert.True(c.Second?.StartsWith("crm.", StringComparison.Ordinal), $"{c.First.Name} has no crm.* alias: renaming or moving it would break silos of the other version"));
        Assert.Equal(aliases.Count, aliases.Distinct().Count());
    }
}
