using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// Which store a person belongs to: the one decider that a designer or manager is in one store at a time. A leaf: it
/// never calls another grain, so a store may wait on it inside its own call.
/// </summary>
public abstract class DirectoryEntryGrain(IPersistentState<DirectoryEntryState> storage, GrainContext context)
    : DecidingGrain<DirectoryEntryState>(storage, context)
{
    public Task<string?> GetStoreAsync() => Task.FromResult(State.StoreId);

    public Task<string?> GetLastStoreAsync() => Task.FromResult(State.LastStoreId);

    public async Task<string?> JoinStoreAsync(string storeId)
    {
        if (State.StoreId is null)
        {
            await UpdateAsync(() =>
            {
                State = State with { StoreId = storeId };
                return Task.CompletedTask;
            });
        }

        return State.StoreId;
    }

    public Task LeaveStoreAsync(string storeId) => UpdateAsync(() =>
    {
        if (State.StoreId == storeId)
        {
            State = State with { StoreId = null, LastStoreId = storeId };
        }

        return Task.CompletedTask;
    });
}
