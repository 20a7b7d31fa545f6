using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orleans.Crm.Gateway.Auth;

/// <summary>Mints tokens with the gateway's own key: for <c>POST /api/dev/token</c>, tests and the demo.</summary>
public sealed class DevTokenIssuer(IOptions<CrmAuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>A signed token for <paramref name="user"/> and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var expires = now + settings.DevTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [CrmClaims.UserId] = user.UserId,
            [CrmClaims.Role] = user.Role,
        };
        if (user.StoreId is not null)
        {
            claims[CrmClaims.StoreId] = user.StoreId;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(settings.KeyBytes()), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
