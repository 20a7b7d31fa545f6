using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>Reads a customer; stores and the pool change them.</summary>
public sealed class CustomerGrain : Grain<CustomerState>, ICustomerGrain
{
    /// <inheritdoc />
    public Task<CustomerView?> GetAsync() => Task.FromResult(State.Phone.Length > 0
        ? new CustomerView(Key, State.Name, State.Phone, [.. State.OpenLeads.Select(o => o.LeadId)], State.PreviousDesignerId, State.Owner)
        : null);
}
