using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// The accounts' current status for the bearer check (<see cref="StaffStatusCheck"/>), read from the Identity store and
/// kept for <see cref="StaffStatusOptions.CacheFor"/>, so a busy user costs one small query per interval, not per request.
/// With the chain's provider (<c>Auth:Accounts=oidc</c>) designers and account managers have no account here: their
/// status is the directory's (the designer or manager grain), so one who left or moved is refused at once too, even
/// while the provider's token is still valid.
/// </summary>
public sealed class StaffStatusCache(TimeProvider time, IOptions<StaffStatusOptions> options, IOptions<CrmAccountOptions> accounts)
{
    private readonly ConcurrentDictionary<string, (StaffStatus? Status, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The account's status; null when nothing knows that user id (dev tokens; OpenID Connect users other than designers
    /// and managers, whom the provider disables).
    /// </summary>
    public async Task<StaffStatus?> GetAsync(StaffUser user, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(services);
        var userId = user.UserId;
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(userId, out var entry) && entry.Until > now)
        {
            return entry.Status;
        }

        var db = services.GetRequiredService<CrmAccountsDb>();
        var normalized = services.GetRequiredService<ILookupNormalizer>().NormalizeName(userId);
        var row = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized)
            .Select(u => new
            {
                u.Role,
                u.StoreId,
                Departed = db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == StaffDeparture.ClaimType),
            })
            .FirstOrDefaultAsync(cancellationToken);
        StaffStatus? status;
        if (row is not null)
        {
            status = new StaffStatus(row.Role, row.StoreId, row.Departed);
        }
        else if (accounts.Value.IsOidc && user.Role is CrmRoles.Designer or CrmRoles.Manager)
        {
            try
            {
                status = await DirectoryStatusAsync(user, services.GetRequiredService<IGrainFactory>());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The cluster is out of reach: the provider's token stands (an outage must not sign everyone out); ask again next time.
                return null;
            }
        }
        else
        {
            status = null;
        }
        if (options.Value.CacheFor > TimeSpan.Zero)
        {
            _entries[userId] = (status, now + options.Value.CacheFor);
        }

        return status;
    }

    /// <summary>
    /// A provider-signed designer or manager as the directory knows them: in a store, or gone from the last one (left);
    /// null when the directory never heard of them.
    /// </summary>
    private static async Task<StaffStatus?> DirectoryStatusAsync(StaffUser user, IGrainFactory grains)
    {
        (string? Store, string? Last) where;
        if (user.Role == CrmRoles.Designer)
        {
            var designer = grains.GetGrain<IDesignerGrain>(user.UserId);
            where = (await designer.GetStoreAsync(), await designer.GetLastStoreAsync());
        }
        else
        {
            var manager = grains.GetGrain<IAccountManagerGrain>(user.UserId);
            where = (await manager.GetStoreAsync(), await manager.GetLastStoreAsync());
        }

        return where is (null, null) ? null : new StaffStatus(user.Role, where.Store, Departed: where.Store is null);
    }

    /// <summary>Forgets what was read of <paramref name="userId"/> (this gateway just changed the account).</summary>
    public void Forget(string userId) => _entries.TryRemove(userId, out _);
}
