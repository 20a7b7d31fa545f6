using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>Reads a lead; its store (or the pool) changes it.</summary>
public sealed class LeadGrain : Grain<LeadState>, ILeadGrain
{
    /// <inheritdoc />
    public Task<LeadView?> GetAsync() => Task.FromResult(State.Exists ? LeadViews.From(Key, State) : null);
}
