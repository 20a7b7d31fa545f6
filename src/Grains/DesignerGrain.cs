using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>Reads a designer; the designer's store changes them.</summary>
public sealed class DesignerGrain(RulesOptions rules) : Grain<DesignerState>, IDesignerGrain
{
    /// <inheritdoc />
    public async Task<DesignerView?> GetAsync()
    {
        if (State.StoreId is not { } storeId)
        {
            return null;
        }

        var store = await Transaction.ReadAsync<StoreState>(storeId);
        return new DesignerView(Key, storeId, State.ManagerId, State.Name, State.Level, State.Rank, State.Present, rules.Caps.CapFor(State.Rank, store.Season), State.Holding, State.Refusals);
    }
}
