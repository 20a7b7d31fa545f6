using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>A designer (设计师). Changes go through the designer's store.</summary>
public interface IDesignerGrain : IGrainWithStringKey
{
    Task<DesignerView?> GetAsync();
}
