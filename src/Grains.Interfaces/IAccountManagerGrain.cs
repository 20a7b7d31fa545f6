using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>An account manager (客户经理). Changes go through the manager's store.</summary>
public interface IAccountManagerGrain : IGrainWithStringKey
{
    Task<ManagerView?> GetAsync();
}
