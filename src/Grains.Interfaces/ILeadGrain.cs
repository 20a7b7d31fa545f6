using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>A lead (one customer's visit or pool entry). Changes go through its store (or the pool while unclaimed).</summary>
public interface ILeadGrain : IGrainWithStringKey
{
    Task<LeadView?> GetAsync();
}
