using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>The chain's list of complaint desks (one small row: a chain has tens of stores).</summary>
public sealed class ComplaintDirectoryGrain(
    [PersistentState(CrmStorage.ComplaintDirectory, CrmStorage.Provider)] IPersistentState<ComplaintDirectoryState> storage,
    GrainContext context)
    : DecidingGrain<ComplaintDirectoryState>(storage, context), IComplaintDirectoryGrain
{
    /// <inheritdoc />
    public Task AddAsync(string storeId) => State.StoreIds.Contains(storeId)
        ? Task.CompletedTask
        : UpdateAsync(() =>
        {
            State = State with { StoreIds = State.StoreIds.Add(storeId) };
            return Task.CompletedTask;
        });

    /// <inheritdoc />
    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult<ImmutableArray<string>>([.. State.StoreIds]);
}
