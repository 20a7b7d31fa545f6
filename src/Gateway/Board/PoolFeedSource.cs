using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Board;

/// <summary>The chain's lead pool: the pool grain's events, listings and the pool messages.</summary>
internal sealed class PoolFeedSource(IGrainFactory grains) : FeedSource(grains), IPoolObserver
{
    private IPoolObserver? _reference;

    public override FeedKey Key => FeedKey.Pool;

    private ILeadPoolGrain Grain => Grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);

    /// <inheritdoc />
    public Task OnPoolEventAsync(PoolEvent poolEvent)
    {
        if (poolEvent is not null)
        {
            Pushed?.Invoke(FeedEvent.From(poolEvent));
        }

        return Task.CompletedTask;
    }

    public override Task<FeedPosition> SubscribeAsync()
    {
        _reference ??= Grains.CreateObjectReference<IPoolObserver>(this);
        return Grain.SubscribeAsync(_reference);
    }

    public override Task UnsubscribeAsync() => _reference is null ? Task.CompletedTask : Grain.UnsubscribeAsync(_reference);

    // The pool grain has no position call of its own; renewing the subscription answers the same question (and one
    // grain, renewed every poll by each gateway, is no load).
    public override Task<FeedPosition> GetPositionAsync() => SubscribeAsync();

    public override async Task<FeedPage> ReadAsync(long afterSequence, int maxCount)
    {
        var page = await Grain.GetEventsAsync(afterSequence, maxCount).ConfigureAwait(false);
        return new FeedPage([.. page.Events.Select(FeedEvent.From)], page.LastSequence, page.Complete);
    }

    public override async Task<long> SendSnapshotAsync(IClientProxy client, BoardViewer viewer, CancellationToken cancellationToken)
    {
        var listing = await Grain.GetListingAsync().ConfigureAwait(false);
        await client.SendAsync(BoardMessages.PoolSnapshot, new PoolSnapshotMessage(listing.Sequence, [.. listing.Leads.Select(viewer.Apply)]), cancellationToken).ConfigureAwait(false);
        return listing.Sequence;
    }

    public override Task SendEventAsync(IClientProxy client, BoardViewer viewer, FeedEvent e, CancellationToken cancellationToken) =>
        client.SendAsync(BoardMessages.PoolEvent, new PoolEventMessage(e.Sequence, e.Type, e.At, e.PoolLead is null ? null : viewer.Apply(e.PoolLead)), cancellationToken);

    public override Task SendHeartbeatAsync(IClientProxy client, long sequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        client.SendAsync(BoardMessages.PoolHeartbeat, new PoolHeartbeatMessage(sequence, at), cancellationToken);

    public override void Release()
    {
        if (_reference is not null)
        {
            Grains.DeleteObjectReference<IPoolObserver>(_reference);
            _reference = null;
        }
    }
}
