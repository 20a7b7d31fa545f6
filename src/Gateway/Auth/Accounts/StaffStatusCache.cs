using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// The accounts' current status for the bearer check (<see cref="StaffStatusCheck"/>), read from the Identity store and
/// kept for <see cref="StaffStatusOptions.CacheFor"/>, so a busy user costs one small query per interval, not per request.
/// </summary>
public sealed class StaffStatusCache(TimeProvider time, IOptions<StaffStatusOptions> options)
{
    private readonly ConcurrentDictionary<string, (StaffStatus? Status, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    /// <summary>The account's status, or null when no built-in account has that user id (dev tokens, OpenID Connect users).</summary>
    public async Task<StaffStatus?> GetAsync(string userId, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
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
        var status = row is null ? null : new StaffStatus(row.Role, row.StoreId, row.Departed);
        if (options.Value.CacheFor > TimeSpan.Zero)
        {
            _entries[userId] = (status, now + options.Value.CacheFor);
        }

        return status;
    }

    /// <summary>Forgets what was read of <paramref name="userId"/> (this gateway just changed the account).</summary>
    public void Forget(string userId) => _entries.TryRemove(userId, out _);
}
