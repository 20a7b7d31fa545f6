using Microsoft.AspNetCore.Identity;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>The options of <see cref="RefreshTokenProvider"/> (a type of its own, so its lifetime is not the reset tokens').</summary>
public sealed class RefreshTokenProviderOptions : DataProtectionTokenProviderOptions;
