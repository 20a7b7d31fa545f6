using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// Identity's data-protection token provider with its own lifetime, for refresh tokens: a token carries the account,
/// its purpose, when it was made and the account's security stamp, so a new stamp (sign-out, password change) ends
/// every refresh token the account holds. The keys live in the database, so every gateway reads every token.
/// </summary>
public sealed class RefreshTokenProvider(
    IDataProtectionProvider dataProtection,
    IOptions<RefreshTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<StaffAccount>> logger)
    : DataProtectorTokenProvider<StaffAccount>(dataProtection, options, logger)
{
    /// <summary>The provider's name in Identity's token options.</summary>
    public const string ProviderName = "crm-refresh";

    /// <summary>The purpose refresh tokens are made for.</summary>
    public const string Purpose = "crm-refresh-token";
}
