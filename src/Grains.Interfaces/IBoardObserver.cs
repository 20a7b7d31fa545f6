using Orleans.Concurrency;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>A gateway's receiver of a store's live board events (one way: a store never waits for screens).</summary>
public interface IBoardObserver : IGrainObserver
{
    [OneWay]
    Task OnBoardEventAsync(BoardEvent boardEvent);
}
