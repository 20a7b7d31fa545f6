using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// The live complaints board of customer service (<c>/hubs/service</c>, JSON protocol, token in <c>access_token</c>).
/// <c>SubscribeComplaints(storeId, afterSequence)</c> streams a store's complaint desk: the events after
/// <paramref name="afterSequence"/> (or a <c>ComplaintSnapshot</c> when too far behind or at 0), then every
/// <c>ComplaintEvent</c> in the desk's gap-free sequence, with <c>ComplaintHeartbeat</c>s — the dispatch board's feed.
/// <para>
/// Chain-wide (storeId null; HQ and HQ's customer service): sequences belong to each store's desk, so the connection is
/// subscribed to every store's desk (the complaint directory) one by one; each message names its store and sequence.
/// A store the connection already follows keeps its cursor, a new one starts with its snapshot, so calling it again
/// (the service page does every 30 s) only adds stores whose first complaint came later. A chain client resumes after a
/// reconnect with <c>SubscribeComplaints(storeId, lastSequence)</c> per store it had seen, then the chain-wide call.
/// </para>
/// </summary>
public sealed class ServiceHub(BoardFeed feed, IGrainFactory grains, IHubContext<ServiceHub> hub) : Hub
{
    private static readonly string[] Roles = [CrmRoles.Hq, CrmRoles.Service, CrmRoles.Supervisor, CrmRoles.FrontDesk];

    /// <inheritdoc />
    public override Task OnConnectedAsync()
    {
        _ = Caller();
        return base.OnConnectedAsync();
    }

    /// <summary>Streams a store's complaint desk, or (null) every store's for HQ and HQ's customer service.</summary>
    public async Task<string[]> SubscribeComplaints(string? storeId, long afterSequence)
    {
        var user = Caller();
        if (!Roles.Contains(user.Role))
        {
            throw new HubException($"Forbidden: a {user.Role} token may not see complaints.");
        }

        if (storeId is not null && (string.IsNullOrWhiteSpace(storeId) || storeId.Length > 100))
        {
            throw new HubException("storeId is at most 100 characters (or null for every store).");
        }

        if (afterSequence < 0)
        {
            throw new HubException("afterSequence is 0 or more.");
        }

        if (storeId is null && !user.IsHq && !user.IsChainService)
        {
            throw new HubException($"Forbidden: only head office or HQ's customer service may watch every store; pass storeId '{user.StoreId}'.");
        }

        if (storeId is not null && !user.CanSeeStore(storeId))
        {
            throw new HubException($"Forbidden: a {user.Role} token may not see store '{storeId}'.");
        }

        try
        {
            if (storeId is not null)
            {
                await feed.SubscribeComplaintsAsync(Context.ConnectionId, user, storeId, afterSequence, Connection).ConfigureAwait(false);
                return [storeId];
            }

            var stores = await grains.GetGrain<IComplaintDirectoryGrain>(0).ListAsync().ConfigureAwait(false);
            foreach (var store in stores)
            {
                if (!await feed.HasComplaintsSubscriptionAsync(Context.ConnectionId, store).ConfigureAwait(false))
                {
                    await feed.SubscribeComplaintsAsync(Context.ConnectionId, user, store, 0, Connection).ConfigureAwait(false);
                }
            }

            return [.. stores];
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            throw new HubException("Could not load the complaints; try again.");
        }
    }

    /// <summary>Stops streaming a store's complaint desk to this connection.</summary>
    public Task UnsubscribeComplaints(string storeId)
    {
        _ = Caller();
        return feed.UnsubscribeComplaintsAsync(Context.ConnectionId, storeId ?? string.Empty);
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await feed.RemoveConnectionAsync(Context.ConnectionId).ConfigureAwait(false);
        await base.OnDisconnectedAsync(exception).ConfigureAwait(false);
    }

    // The subscription outlives this hub instance (created per invocation): it sends through the hub context.
    private IClientProxy Connection => hub.Clients.Client(Context.ConnectionId);

    private StaffUser Caller() =>
        (Context.User is { } principal ? StaffUser.From(principal) : null)
        ?? throw new HubException("Unauthorized: pass a valid token as the access_token query parameter.");
}
