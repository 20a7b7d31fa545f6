using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Gateway.Auth;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// The live board hub (<c>/hubs/board</c>, JSON protocol, token in the <c>access_token</c> query parameter).
/// Clients call <c>Subscribe(storeId, afterSequence)</c> with the last sequence they saw (0 for none) and receive
/// <c>BoardSnapshot</c>, <c>BoardEvent</c> and <c>BoardHeartbeat</c> messages; managers' consoles may also call
/// <c>SubscribePool</c>.
/// </summary>
public sealed class BoardHub(BoardFeed feed) : Hub
{
    private static readonly string[] PoolRoles = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Manager, CrmRoles.FrontDesk];

    /// <inheritdoc />
    public override Task OnConnectedAsync()
    {
        // Refused here rather than by an [Authorize] attribute so the failure reaches the client as a hub error.
        _ = Caller();
        return base.OnConnectedAsync();
    }

    /// <summary>
    /// Streams a store's board: the events after <paramref name="afterSequence"/> (or a fresh snapshot when the
    /// client has none or is too far behind), then every new event in order.
    /// </summary>
    public async Task Subscribe(string storeId, long afterSequence)
    {
        var user = Caller();
        if (string.IsNullOrWhiteSpace(storeId) || storeId.Length > 100)
        {
            throw new HubException("storeId is required (at most 100 characters).");
        }

        if (!user.CanSeeStore(storeId))
        {
            throw new HubException($"Forbidden: a {user.Role} token may not see store '{storeId}'.");
        }

        try
        {
            await feed.SubscribeStoreAsync(Context.ConnectionId, user, storeId, afterSequence).ConfigureAwait(false);
        }
        catch (Grains.CrmException e)
        {
            throw new HubException(e.Message);
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            throw new HubException($"Could not load the board of store '{storeId}'; try again.");
        }
    }

    /// <summary>Stops streaming a store's board to this connection.</summary>
    public Task Unsubscribe(string storeId)
    {
        _ = Caller();
        return feed.UnsubscribeStoreAsync(Context.ConnectionId, storeId ?? string.Empty);
    }

    /// <summary>Streams the chain's lead pool (claims appear on every screen at once): <c>PoolSnapshot</c>, then <c>PoolEvent</c>s.</summary>
    public async Task SubscribePool(long afterSequence)
    {
        var user = Caller();
        if (!PoolRoles.Contains(user.Role))
        {
            throw new HubException($"Forbidden: a {user.Role} token may not see the lead pool.");
        }

        try
        {
            await feed.SubscribePoolAsync(Context.ConnectionId, user, afterSequence).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            throw new HubException("Could not load the lead pool; try again.");
        }
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await feed.RemoveConnectionAsync(Context.ConnectionId).ConfigureAwait(false);
        await base.OnDisconnectedAsync(exception).ConfigureAwait(false);
    }

    private StaffUser Caller() =>
        (Context.User is { } principal ? StaffUser.From(principal) : null)
        ?? throw new HubException("Unauthorized: pass a valid token as the access_token query parameter.");
}
