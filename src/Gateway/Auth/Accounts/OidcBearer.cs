using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// <c>Auth:Accounts</c> = oidc: the chain's OpenID Connect provider issues the tokens; JwtBearer validates them against
/// the provider's discovery document and keys (<c>Auth:Authority</c>), with <c>Auth:Audience</c>; the provider's claims
/// named by <c>Auth:Claims:*</c> become the CRM's <c>sub</c>, <c>role</c> and <c>store_id</c>, so roles, store scoping
/// and Access.cs work unchanged.
/// </summary>
public static class OidcBearer
{
    /// <summary>Points the bearer handler at the provider (after the gateway's own configuration).</summary>
    public static void Configure(JwtBearerOptions jwt, CrmAuthOptions auth, CrmAccountOptions accounts)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(accounts);
        jwt.Authority = accounts.Authority;
        jwt.Audience = auth.Audience;
        jwt.RequireHttpsMetadata = accounts.RequireHttpsMetadata;
        var parameters = jwt.TokenValidationParameters.Clone();

        // Issuer and keys from the provider's metadata, not the gateway's HMAC key.
        parameters.ValidIssuer = null;
        parameters.IssuerSigningKey = null;
        parameters.ValidAlgorithms = null;
        parameters.ValidAudience = auth.Audience;
        jwt.TokenValidationParameters = parameters;

        var onMessage = jwt.Events.OnMessageReceived;
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = onMessage,
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity)
                {
                    Map(identity, accounts.Claims);
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Adds the CRM's claims from the provider's (a role outside <see cref="CrmRoles"/> stays unusable: 403).</summary>
    public static void Map(ClaimsIdentity identity, OidcClaimOptions names)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(names);
        Copy(identity, names.UserId, CrmClaims.UserId);
        Copy(identity, names.Store, CrmClaims.StoreId);
        if (names.Role != CrmClaims.Role)
        {
            foreach (var role in identity.FindAll(names.Role).ToList())
            {
                identity.AddClaim(new Claim(CrmClaims.Role, role.Value.Trim().ToLowerInvariant()));
            }
        }

        // Displays are paired with the gateway, never signed in through the provider.
        foreach (var display in identity.FindAll(c => c.Type == CrmClaims.Role && c.Value == CrmRoles.Display).ToList())
        {
            identity.RemoveClaim(display);
        }
    }

    private static void Copy(ClaimsIdentity identity, string from, string to)
    {
        if (from == to || identity.FindFirst(to) is not null || identity.FindFirst(from) is not { } claim)
        {
            return;
        }

        identity.AddClaim(new Claim(to, claim.Value));
    }
}
