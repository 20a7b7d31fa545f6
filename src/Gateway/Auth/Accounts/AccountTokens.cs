using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Orleans.Crm.Gateway.Api.Responses;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// A built-in account's token pair: a short-lived access token (a JWT signed by Microsoft.IdentityModel with the
/// gateway's <c>Auth:SigningKey</c>, so the API's bearer validation, roles and store claims apply unchanged) and a
/// refresh token from Identity's <see cref="RefreshTokenProvider"/>, prefixed with the account's Identity id so the
/// refresh request needs nothing else.
/// </summary>
public sealed class AccountTokens(
    IOptions<CrmAuthOptions> auth,
    IOptions<CrmAccountOptions> accounts,
    UserManager<StaffAccount> users,
    TimeProvider time)
{
    /// <summary>A new pair for <paramref name="account"/>.</summary>
    public async Task<AuthTokenResponse> IssueAsync(StaffAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var settings = auth.Value;
        var lifetime = accounts.Value.AccessTokenLifetime;
        var now = time.GetUtcNow();
        var extra = new Dictionary<string, object>
        {
            // Each token its own id: two issued in the same second still differ (and can be told apart in logs).
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (account.PasswordChangeRequired)
        {
            extra[AccountClaims.PasswordChange] = AccountClaims.Required;
        }

        var access = StaffTokens.Sign(settings, account.UserName!, account.Role, account.StoreId, now, now + lifetime, extra);
        var refresh = await users.GenerateUserTokenAsync(account, RefreshTokenProvider.ProviderName, RefreshTokenProvider.Purpose);
        return new AuthTokenResponse(
            access,
            $"{account.Id}.{refresh}",
            (int)lifetime.TotalSeconds,
            "Bearer",
            account.PasswordChangeRequired);
    }

    /// <summary>The account a refresh token belongs to, or null when it is malformed, expired or revoked.</summary>
    public async Task<StaffAccount?> ReadRefreshTokenAsync(string? refreshToken)
    {
        var dot = refreshToken?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0)
        {
            return null;
        }

        var account = await users.FindByIdAsync(refreshToken![..dot]);
        return account is not null
            && await users.VerifyUserTokenAsync(account, RefreshTokenProvider.ProviderName, RefreshTokenProvider.Purpose, refreshToken[(dot + 1)..])
            ? account
            : null;
    }
}
