using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orleans.Crm.Gateway.Auth;

/// <summary>
/// The one way the gateway signs a staff token (dev tokens and built-in accounts alike): the claims the API's bearer
/// validation, roles and store scoping read, signed with <c>Auth:SigningKey</c>.
/// </summary>
public static class StaffTokens
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>A signed token for the user, valid from <paramref name="now"/> until <paramref name="expires"/>, with any <paramref name="extra"/> claims.</summary>
    public static string Sign(
        CrmAuthOptions settings,
        string userId,
        string role,
        string? storeId,
        DateTimeOffset now,
        DateTimeOffset expires,
        IReadOnlyDictionary<string, object>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var claims = new Dictionary<string, object>
        {
            [CrmClaims.UserId] = userId,
            [CrmClaims.Role] = role,
        };
        if (storeId is not null)
        {
            claims[CrmClaims.StoreId] = storeId;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
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
    }
}
