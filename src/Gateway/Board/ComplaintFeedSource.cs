using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Board;

/// <summary>A store's complaint desk: its events and snapshots as the service hub's messages.</summary>
internal sealed class ComplaintFeedSource(IGrainFactory grains, string storeId) : FeedSource(grains), IComplaintObserver
{
    private IComplaintObserver? _reference;

    public override FeedKey Key => FeedKey.Complaints(storeId);

    private IComplaintDeskGrain Grain => Grains.GetGrain<IComplaintDeskGrain>(storeId);

    /// <inheritdoc />
    public Task OnComplaintEventAsync(ComplaintEvent complaintEvent)
    {
        if (complaintEvent is not null && string.Equals(complaintEvent.StoreId, storeId, StringComparison.Ordinal))
        {
            Pushed?.Invoke(FeedEvent.From(complaintEvent));
        }

        return Task.CompletedTask;
    }

    public override Task<FeedPosition> SubscribeAsync()
    {
        _reference ??= Grains.CreateObjectReference<IComplaintObserver>(this);
        return Grain.SubscribeAsync(_reference);
    }

    public override Task UnsubscribeAsync() => _reference is null ? Task.CompletedTask : Grain.UnsubscribeAsync(_reference);

    public override Task<FeedPosition> GetPositionAsync() => Grain.GetFeedPositionAsync();

    public override async Task<FeedPage> ReadAsync(long afterSequence, int maxCount)
    {
        var page = await Grain.GetEventsAsync(afterSequence, maxCount).ConfigureAwait(false);
        return new FeedPage([.. page.Events.Select(FeedEvent.From)], page.LastSequence, page.Complete);
    }

    public override async Task<long> SendSnapshotAsync(IClientProxy client, BoardViewer viewer, CancellationToken cancellationToken)
    {
        var snapshot = await Grain.GetSnapshotAsync().ConfigureAwait(false);
        await client.SendAsync(ServiceMessages.ComplaintSnapshot, snapshot, cancellationToken).ConfigureAwait(false);
        return snapshot.Sequence;
    }

    public override Task SendEventAsync(IClientProxy client, BoardViewer viewer, FeedEvent e, CancellationToken cancellationToken) =>
        e.Complaint is null ? Task.CompletedTask : client.SendAsync(ServiceMessages.ComplaintEvent, e.Complaint, cancellationToken);

    public override Task SendHeartbeatAsync(IClientProxy client, long sequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        client.SendAsync(ServiceMessages.ComplaintHeartbeat, new ComplaintHeartbeatMessage(storeId, sequence, at), cancellationToken);

    public override void Release()
    {
        if (_reference is not null)
        {
            Grains.DeleteObjectReference<IComplaintObserver>(_reference);
            _reference = null;
        }
    }
}
