using Microsoft.AspNetCore.SignalR;
using Orleans.Crm.Gateway.Board;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// Staff hub connections of this process, by user id: a person who left (or moved store) keeps no live board. The
/// gateway that records the change closes them at once (<see cref="RecheckAsync"/>); <see cref="StaffConnectionSweeper"/>
/// re-checks the others every <see cref="StaffStatusOptions.ConnectionRecheckInterval"/>.
/// </summary>
public sealed class StaffConnections : HubConnectionRegistry
{
    /// <summary>
    /// Closes the user's connections whose token the bearer check would refuse now (<see cref="StaffStatusCheck.Refusal"/>,
    /// on the account's current status); returns how many.
    /// </summary>
    public async Task<int> RecheckAsync(string userId, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (Of(userId).Select(StaffUserOf).FirstOrDefault(u => u is not null) is not { } user)
        {
            return 0;
        }

        var status = await services.GetRequiredService<StaffStatusCache>().GetAsync(user, services, cancellationToken).ConfigureAwait(false);
        return Abort(userId, connection => StaffUserOf(connection) is { } user && StaffStatusCheck.Refusal(user, status) is not null);
    }

    /// <summary>The staff member a hub connection was opened by; null for displays and anonymous callers.</summary>
    public static StaffUser? StaffUserOf(HubCallerContext connection) =>
        connection?.User is { } principal && StaffUser.From(principal) is { IsDisplay: false } user ? user : null;
}
