using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Board;

/// <summary>A store's board: the store grain's events, snapshots and the board messages.</summary>
internal sealed class StoreFeedSource(IGrainFactory grains, string storeId) : FeedSource(grains), IBoardObserver
{
    private const int MaxKnownCustomers = 5000;

    private readonly ConcurrentDictionary<string, (string Name, string Phone)> _customers = new(StringComparer.Ordinal);
    private IBoardObserver? _reference;

    public override FeedKey Key => FeedKey.Store(storeId);

    private IStoreGrain Grain => Grains.GetGrain<IStoreGrain>(storeId);

    /// <inheritdoc />
    public Task OnBoardEventAsync(BoardEvent boardEvent)
    {
        if (boardEvent is not null && string.Equals(boardEvent.StoreId, storeId, StringComparison.Ordinal))
        {
            Remember(boardEvent.Change.Lead);
            Pushed?.Invoke(FeedEvent.From(boardEvent));
        }

        return Task.CompletedTask;
    }

    public override Task<FeedPosition> SubscribeAsync()
    {
        // Created on first use, not with the feed: a client that is still connecting to the cluster cannot make one.
        _reference ??= Grains.CreateObjectReference<IBoardObserver>(this);
        return Grain.SubscribeAsync(_reference);
    }

    public override Task UnsubscribeAsync() => _reference is null ? Task.CompletedTask : Grain.UnsubscribeAsync(_reference);

    public override Task<FeedPosition> GetPositionAsync() => Grain.GetFeedPositionAsync();

    public override async Task<FeedPage> ReadAsync(long afterSequence, int maxCount)
    {
        var page = await Grain.GetEventsAsync(afterSequence, maxCount).ConfigureAwait(false);
        foreach (var e in page.Events)
        {
            Remember(e.Change.Lead);
        }

        return new FeedPage([.. page.Events.Select(FeedEvent.From)], page.LastSequence, page.Complete);
    }

    public override async Task<long> SendSnapshotAsync(IClientProxy client, BoardViewer viewer, CancellationToken cancellationToken)
    {
        var snapshot = await Grain.GetBoardAsync().ConfigureAwait(false);
        foreach (var lead in snapshot.Queue.Concat(snapshot.TodayLeads).Concat(snapshot.Unassigned ?? []))
        {
            Remember(lead);
        }

        await client.SendAsync(BoardMessages.BoardSnapshot, viewer.Apply(snapshot), cancellationToken).ConfigureAwait(false);
        return snapshot.Sequence;
    }

    public override Task SendEventAsync(IClientProxy client, BoardViewer viewer, FeedEvent e, CancellationToken cancellationToken)
    {
        var message = viewer.User.IsDisplay ? e.ForDisplays(() => Message(viewer, e)) : Message(viewer, e);
        return client.SendAsync(BoardMessages.BoardEvent, message, cancellationToken);
    }

    public override Task SendHeartbeatAsync(IClientProxy client, long sequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        client.SendAsync(BoardMessages.BoardHeartbeat, new BoardHeartbeatMessage(storeId, sequence, at), cancellationToken);

    public override void Release()
    {
        if (_reference is not null)
        {
            Grains.DeleteObjectReference<IBoardObserver>(_reference);
            _reference = null;
        }
    }

    private BoardEventMessage Message(BoardViewer viewer, FeedEvent e) =>
        new(storeId, e.Sequence, e.Type, e.At, e.Change is null ? null : viewer.Apply(storeId, e.Change, _customers.Values));

    // Customers seen on this board, so masked viewers' free text (summaries, ticker lines) can be scrubbed of them.
    private void Remember(BoardLead? lead)
    {
        if (lead is null)
        {
            return;
        }

        if (_customers.Count > MaxKnownCustomers)
        {
            _customers.Clear();
        }

        _customers[lead.LeadId] = (lead.CustomerName, lead.Phone);
    }
}
