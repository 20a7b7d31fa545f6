using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>A designer's directory entry.</summary>
public sealed class DesignerGrain(
    [PersistentState(CrmStorage.Designer, CrmStorage.Provider)] IPersistentState<DirectoryEntryState> storage,
    GrainContext context)
    : DirectoryEntryGrain(storage, context), IDesignerGrain;
