using Microsoft.Extensions.Options;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>A designer's directory entry.</summary>
public sealed class DesignerGrain(
    [PersistentState(CrmStorage.Designer, CrmStorage.Provider)] IPersistentState<DirectoryEntryState> storage,
    IOptions<GrainOptions> options,
    RulesClock clock,
    CrmMetrics metrics)
    : DirectoryEntryGrain(storage, options, clock, metrics), IDesignerGrain;
