using Orleans.Crm.Grains;

namespace Orleans.Crm.Bench.Grains;

/// <summary>
/// <see cref="IFloorGrain"/>: no rules, no command ids, no effects — a turn that changes one number and writes it, so
/// the difference between this and a CRM command is what the rulebook adds, and the difference between this and a raw
/// UPDATE is what the engine (messaging, turn, storage provider, serializer) adds.
/// </summary>
public sealed class FloorGrain([PersistentState(FloorGrain.StateName, CrmStorage.Provider)] IPersistentState<FloorState> storage) : Grain, IFloorGrain
{
    /// <summary>A state name of its own: the storage identity is the key plus the state name, not the grain type.</summary>
    public const string StateName = "bench-floor";

    /// <inheritdoc />
    public async Task<long> WriteAsync()
    {
        storage.State = storage.State with { Writes = storage.State.Writes + 1 };
        await storage.WriteStateAsync();
        return storage.State.Writes;
    }

    /// <inheritdoc />
    public Task<long> PingAsync() => Task.FromResult(storage.State.Writes);
}
