using Microsoft.Extensions.Options;

namespace Orleans.Crm.Gateway.Auth;

/// <summary>Mints tokens with the gateway's own key: for <c>POST /api/dev/token</c>, tests and the demo.</summary>
public sealed class DevTokenIssuer(IOptions<CrmAuthOptions> options, TimeProvider time)
{
    /// <summary>A signed token for <paramref name="user"/> and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var expires = now + settings.DevTokenLifetime;
        var token = StaffTokens.Sign(settings, user.UserId, user.Role, user.StoreId, now, expires);
        return (token, expires);
    }
}
