using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>A customer, identified chain-wide by their normalised phone number.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    Task<CustomerView?> GetAsync();
}
