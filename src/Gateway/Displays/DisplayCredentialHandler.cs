using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Auth;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>
/// Authenticates a display credential (see <see cref="DisplayCredentials"/>) as role <c>display</c> of the display's
/// store, so the board policy and the hub's store check apply unchanged and the staff policy refuses it (403). A revoked,
/// unknown or forged credential fails (401). A registry that cannot be reached throws (503), so a cluster outage never
/// looks like a revocation to a wall display.
/// </summary>
public sealed class DisplayCredentialHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DisplayCredentialCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var raw = DisplayCredentials.Read(Context);
        if (raw is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!DisplayCredentials.TryParse(raw, out var displayId, out var secret))
        {
            return AuthenticateResult.Fail("Malformed display credential.");
        }

        var check = await cache.GetAsync(displayId).ConfigureAwait(false);
        if (check is null || !DisplayCredentials.Matches(secret, check.SecretHash))
        {
            return AuthenticateResult.Fail("Unknown display credential.");
        }

        if (check.Revoked)
        {
            return AuthenticateResult.Fail("This display has been revoked; pair it again.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(CrmClaims.UserId, displayId),
                new Claim(CrmClaims.Role, CrmRoles.Display),
                new Claim(CrmClaims.StoreId, check.StoreId),
                new Claim(DisplayCredentials.DisplayIdClaim, displayId),
            ],
            Scheme.Name,
            CrmClaims.UserId,
            CrmClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
