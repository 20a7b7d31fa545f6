using System.Globalization;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>Reads an account manager; their store changes them.</summary>
public sealed class AccountManagerGrain : Grain<ManagerState>, IAccountManagerGrain
{
    /// <inheritdoc />
    public Task<ManagerView?> GetAsync() => Task.FromResult(State.StoreId is { } storeId
        ? new ManagerView(Key, storeId, State.Name, [.. State.Leave.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))], State.OpenClaims.Count)
        : null);
}
