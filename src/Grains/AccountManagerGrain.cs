using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>An account manager's directory entry.</summary>
public sealed class AccountManagerGrain(
    [PersistentState(CrmStorage.Manager, CrmStorage.Provider)] IPersistentState<DirectoryEntryState> storage,
    GrainContext context)
    : DirectoryEntryGrain(storage, context), IAccountManagerGrain;
