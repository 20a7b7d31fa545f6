using Orleans.Runtime;

namespace Orleans.Crm.Tests.Providers.TestGrains;

// An explicit grain type: the default (the class name) could clash with another test grain of the same name.
[GrainType("crm-tests-provider-counter")]
public sealed class PersistedCounterGrain(
    [PersistentState("counter", ProviderSilos.Storage)] IPersistentState<CounterState> state) : Grain, IPersistedCounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public async Task<int> ReadStoredAsync()
    {
        await state.ReadStateAsync();
        return state.State.Value;
    }

    public Task ClearAsync() => state.ClearStateAsync();
}
