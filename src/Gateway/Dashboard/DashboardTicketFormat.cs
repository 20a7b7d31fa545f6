using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orleans.Crm.Gateway.Auth;

namespace Orleans.Crm.Gateway.Dashboard;

/// <summary>
/// What the dashboard cookie holds: a short JWT signed with <c>Auth:SigningKey</c> for the dashboard's own audience,
/// instead of a ticket sealed by ASP.NET data protection. Data protection keys live in one process unless a key ring is
/// shared, and this deployment shares none: with two gateways behind a Service, every other request would land on a
/// gateway that cannot read the cookie, and each restart would sign everyone out. With the signing key every gateway
/// reads any gateway's cookie; the other audience keeps it from being used as an API token.
/// </summary>
public sealed class DashboardTicketFormat(IOptions<CrmAuthOptions> auth, IOptionsMonitor<JwtBearerOptions> jwt) : ISecureDataFormat<AuthenticationTicket>
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The audience of dashboard cookies.</summary>
    public static string Audience(CrmAuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return auth.Audience + DashboardAuth.AudienceSuffix;
    }

    /// <inheritdoc />
    public string Protect(AuthenticationTicket data) => Protect(data, purpose: null);

    /// <inheritdoc />
    public string Protect(AuthenticationTicket data, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(data);
        var settings = auth.Value;

        // The cookie handler stamps both at sign-in; the sign-in sets the expiry to the pasted token's.
        var issued = data.Properties.IssuedUtc ?? throw new InvalidOperationException("A dashboard ticket has no issue time.");
        var expires = data.Properties.ExpiresUtc ?? throw new InvalidOperationException("A dashboard ticket must expire.");
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = Audience(settings),
            Claims = data.Principal.Claims.Where(Kept).ToDictionary(c => c.Type, c => (object)c.Value),
            Subject = new ClaimsIdentity(),
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(settings.KeyBytes()), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <inheritdoc />
    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    /// <inheritdoc />
    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return null;
        }

        // The API's own validation (key, issuer, algorithm, lifetime), for the dashboard's audience.
        var parameters = jwt.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters.Clone();
        parameters.ValidAudience = Audience(auth.Value);

        // This interface is synchronous; with a configured key there is no metadata to fetch, so the validation
        // completes without waiting on I/O.
        var result = _handler.ValidateTokenAsync(protectedText, parameters).GetAwaiter().GetResult();
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return null;
        }

        var identity = new ClaimsIdentity(result.ClaimsIdentity.Claims.Where(Kept), DashboardAuth.CookieScheme, CrmClaims.UserId, CrmClaims.Role);
        var properties = new AuthenticationProperties { IssuedUtc = token.IssuedAt, ExpiresUtc = token.ValidTo, AllowRefresh = false };
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, DashboardAuth.CookieScheme);
    }

    private static bool Kept(Claim claim) => claim.Type is CrmClaims.UserId or CrmClaims.Role or CrmClaims.StoreId;
}
