using Orleans.Runtime;

namespace Orleans.Crm.Tests.Providers.TestGrains;

[GrainType("crm-tests-provider-other-counter")]
public sealed class OtherCounterGrain(
    [PersistentState("other-counter", ProviderSilos.Storage)] IPersistentState<CounterState> state) : Grain, IOtherCounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);
}
