using Orleans.Concurrency;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>A gateway's receiver of a complaint desk's live events (one way: a desk never waits for screens).</summary>
public interface IComplaintObserver : IGrainObserver
{
    [OneWay]
    Task OnComplaintEventAsync(ComplaintEvent complaintEvent);
}
