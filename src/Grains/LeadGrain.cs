using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>The archive of one closed lead. A leaf: it never calls another grain.</summary>
public sealed class LeadGrain(
    [PersistentState(CrmStorage.Lead, CrmStorage.Provider)] IPersistentState<ArchivedLeadState> storage,
    GrainContext context)
    : DecidingGrain<ArchivedLeadState>(storage, context), ILeadGrain
{
    /// <inheritdoc />
    public Task<LeadView?> GetAsync() => Task.FromResult(State.Lead);

    /// <inheritdoc />
    public Task ArchiveAsync(LeadView lead) => UpdateAsync(() =>
    {
        State = State with { Lead = lead };
        return Task.CompletedTask;
    });
}
