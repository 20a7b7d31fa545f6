using Orleans.Concurrency;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>A gateway's receiver of the lead pool's live events (one way).</summary>
public interface IPoolObserver : IGrainObserver
{
    [OneWay]
    Task OnPoolEventAsync(PoolEvent poolEvent);
}
