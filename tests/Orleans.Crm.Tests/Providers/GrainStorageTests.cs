using Orleans.Crm.Silo.Persistence;
using Orleans.Crm.Tests.Providers.TestGrains;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Crm.Tests.Providers;

/// <summary>Orleans's ADO.NET grain storage on the project's scripts, through the key-preserving decorator.</summary>
public sealed class GrainStorageTests
{
    private const string StateName = "counter";

    private static readonly GrainId Customer = GrainId.Create("crm-test", "customer-1");

    [Fact]
    public async Task StateIsWrittenReadBackAndClearedWhileTheRowKeepsItsVersion()
    {
        await using var silos = await ProviderSilos.CreateAsync("storage_clear");
        await silos.StartSiloAsync();
        var storage = silos.GrainStorage(ProviderSilos.Storage);

        var state = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(StateName, Customer, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);

        state.State!.Value = 5;
        await storage.WriteStateAsync(StateName, Customer, state);
        var firstETag = state.ETag;
        Assert.NotNull(firstETag);
        Assert.True(state.RecordExists);

        var reread = await ReadAsync(storage);
        Assert.Equal(5, reread.State!.Value);
        Assert.Equal(firstETag, reread.ETag);
        Assert.True(reread.RecordExists);

        state.State!.Value = 6;
        await storage.WriteStateAsync(StateName, Customer, state);
        Assert.NotEqual(firstETag, state.ETag);
        Assert.Equal(6, (await ReadAsync(storage)).State!.Value);

        await storage.ClearStateAsync(StateName, Customer, state);
        var clearedETag = state.ETag;
        Assert.False(state.RecordExists);
        Assert.NotNull(clearedETag);

        // DeleteStateOnClear = false: the row stays, payload gone, at the version that is now the ETag.
        var rows = await Sql.RowsAsync(silos.ConnectionString, "SELECT payload IS NULL, version::text FROM crm_grain_state");
        Assert.Equal([true, clearedETag], Assert.Single(rows));

        var afterClear = await ReadAsync(storage);
        Assert.False(afterClear.RecordExists);
        Assert.Equal(0, afterClear.State!.Value);
        Assert.Equal(clearedETag, afterClear.ETag);

        // The ETag chain goes on from the cleared row, and a writer from before the clear is refused.
        afterClear.State!.Value = 1;
        await storage.WriteStateAsync(StateName, Customer, afterClear);
        Assert.True(afterClear.RecordExists);
        var beforeClear = new GrainState<CounterState>(new CounterState { Value = 100 }, firstETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Customer, beforeClear));
        Assert.Equal(1, (await ReadAsync(storage)).State!.Value);
    }

    [Fact]
    public async Task ClearingWithDeleteStateOnClearRemovesTheRow()
    {
        await using var silos = await ProviderSilos.CreateAsync("storage_delete");
        await silos.StartSiloAsync();
        var storage = silos.GrainStorage(ProviderSilos.DeletingStorage);

        var state = new GrainState<CounterState>(new CounterState { Value = 7 });
        await storage.WriteStateAsync(StateName, Customer, state);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(silos.ConnectionString, "SELECT count(*) FROM crm_grain_state"));

        await storage.ClearStateAsync(StateName, Customer, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(silos.ConnectionString, "SELECT count(*) FROM crm_grain_state"));

        var reread = await ReadAsync(storage);
        Assert.False(reread.RecordExists);
        Assert.Null(reread.ETag);

        // Without an ETag the next write inserts a new row.
        state.State!.Value = 8;
        await storage.WriteStateAsync(StateName, Customer, state);
        Assert.Equal(8, (await ReadAsync(storage)).State!.Value);
    }

    [Fact]
    public async Task AWriteWithAStaleETagIsRefused()
    {
        await using var silos = await ProviderSilos.CreateAsync("storage_stale");
        await silos.StartSiloAsync();
        var storage = silos.GrainStorage(ProviderSilos.Storage);

        // Two holders of the same state, as two activations of one grain would be.
        var first = await ReadAsync(storage);
        var second = await ReadAsync(storage);

        first.State!.Value = 1;
        await storage.WriteStateAsync(StateName, Customer, first);

        // The second still believes there is no row: its insert must not overwrite the first's.
        second.State!.Value = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Customer, second));

        await storage.ReadStateAsync(StateName, Customer, second);
        Assert.Equal(first.ETag, second.ETag);
        first.State!.Value = 3;
        await storage.WriteStateAsync(StateName, Customer, first);

        second.State!.Value = 4;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Customer, second));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, Customer, second));

        // The deleting provider addresses the same row (provider names are not part of the key) and checks too.
        var deleting = silos.GrainStorage(ProviderSilos.DeletingStorage);
        await Assert.ThrowsAsync<InconsistentStateException>(() => deleting.ClearStateAsync(StateName, Customer, second));

        var stored = await ReadAsync(storage);
        Assert.Equal(3, stored.State!.Value);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task TwoActivationsInSeparateClustersOnOneDatabaseCannotBothWrite()
    {
        await using var east = await ProviderSilos.CreateAsync("storage_split");
        await using var west = east.AnotherClusterOfTheSameService();
        await east.StartSiloAsync();
        await west.StartSiloAsync();
        var inEast = east.Grains().GetGrain<IPersistedCounterGrain>("shared");
        var inWest = west.Grains().GetGrain<IPersistedCounterGrain>("shared");

        // Both activations load "no state" before either writes.
        Assert.Equal(0, await inEast.GetAsync());
        Assert.Equal(0, await inWest.GetAsync());

        Assert.Equal(1, await inEast.IncrementAsync());
        await Assert.ThrowsAsync<InconsistentStateException>(() => inWest.IncrementAsync());
        Assert.Equal(1, await inEast.ReadStoredAsync());
        Assert.Equal(2, await inEast.IncrementAsync());
    }

    [Fact]
    public async Task HexLookingAndCaseDifferentStringKeysStayDistinctRows()
    {
        await using var silos = await ProviderSilos.CreateAsync("storage_keys");
        await silos.StartSiloAsync();
        string[] keys = ["1", "01", "d1", "D1", "beef", "abc+def", "0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF"];

        for (var i = 0; i < keys.Length; i++)
        {
            var grain = silos.Grains().GetGrain<IPersistedCounterGrain>(keys[i]);
            for (var n = 0; n <= i; n++)
            {
                await grain.IncrementAsync();
            }
        }

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i + 1, await silos.Grains().GetGrain<IPersistedCounterGrain>(keys[i]).ReadStoredAsync());
        }

        var rows = await Sql.RowsAsync(
            silos.ConnectionString,
            "SELECT key_extension, key_n0, key_n1 FROM crm_grain_state WHERE state_name = @name ORDER BY key_extension",
            ("name", StateName));
        Assert.Equal(keys.Select(k => KeyPreservingGrainStorage.KeyPrefix + k).Order(StringComparer.Ordinal), rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal((0L, 0L), ((long)r[1]!, (long)r[2]!)));
    }

    [Fact]
    public async Task WithoutTheDecoratorHexLookingKeysShareOneRow()
    {
        await using var silos = await ProviderSilos.CreateAsync("storage_plain");
        await silos.StartSiloAsync();
        var plain = silos.GrainStorage(ProviderSilos.UndecoratedStorage);
        var one = GrainId.Create("crm-test", "1");
        var zeroOne = GrainId.Create("crm-test", "01");

        var state = new GrainState<CounterState>(new CounterState { Value = 1 });
        await plain.WriteStateAsync(StateName, one, state);

        // Orleans's storage reads "01" as the integer 1: it finds the other grain's row.
        var other = new GrainState<CounterState>(new CounterState());
        await plain.ReadStateAsync(StateName, zeroOne, other);
        Assert.True(other.RecordExists);
        Assert.Equal(1, other.State!.Value);
        var row = Assert.Single(await Sql.RowsAsync(silos.ConnectionString, "SELECT key_n0, key_n1, key_extension FROM crm_grain_state"));
        Assert.Equal([0L, 1L, null], row);
    }

    [Fact]
    public async Task AStateNameKeepsTwoGrainClassesWithTheSameKeyApart()
    {
        await using var silos = await ProviderSilos.CreateAsync("storage_names");
        await silos.StartSiloAsync();
        var counter = silos.Grains().GetGrain<IPersistedCounterGrain>("same-key");
        var other = silos.Grains().GetGrain<IOtherCounterGrain>("same-key");

        await counter.IncrementAsync();
        await counter.IncrementAsync();
        await counter.IncrementAsync();
        await other.IncrementAsync();

        Assert.Equal(3, await counter.ReadStoredAsync());
        Assert.Equal(1, await other.GetAsync());
        var rows = await Sql.RowsAsync(silos.ConnectionString, "SELECT state_name FROM crm_grain_state WHERE key_extension = 'k:same-key' ORDER BY state_name");
        Assert.Equal(["counter", "other-counter"], rows.Select(r => (string)r[0]!));
    }

    private static async Task<GrainState<CounterState>> ReadAsync(IGrainStorage storage)
    {
        var state = new GrainState<CounterState>(new CounterState { Value = -1 });
        await storage.ReadStateAsync(StateName, Customer, state);
        return state;
    }
}
