using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// How staff sign in (issue 16), from the <c>Auth</c> section beside <see cref="CrmAuthOptions"/>: built-in accounts
/// (the default) or the chain's own OpenID Connect provider.
/// </summary>
public sealed class CrmAccountOptions : IValidatableObject
{
    /// <summary>The configuration section (shared with <see cref="CrmAuthOptions"/>).</summary>
    public const string Section = CrmAuthOptions.Section;

    /// <summary>Built-in staff accounts (ASP.NET Core Identity): <c>POST /api/auth/token</c> and friends.</summary>
    public const string Builtin = "builtin";

    /// <summary>The chain's OpenID Connect provider issues the tokens; the gateway only validates them.</summary>
    public const string Oidc = "oidc";

    /// <summary><see cref="Builtin"/> or <see cref="Oidc"/>.</summary>
    public string Accounts { get; set; } = Builtin;

    /// <summary>The first HQ account, created when no account exists yet (its password must be changed at first sign-in).</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>How long an access token of a built-in account is valid: short, a refresh token renews it.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token is valid (a showroom shift and then some); signing out ends it at once.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(14);

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    [Range(1, 100)]
    public int LockoutAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The shortest password Identity accepts (it also wants a digit, a lower- and an upper-case letter).</summary>
    [Range(8, 128)]
    public int PasswordMinLength { get; set; } = 8;

    /// <summary>The chain provider's issuer URL (oidc: its discovery document is at <c>/.well-known/openid-configuration</c>).</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The staff pages' client id at the provider (oidc): a public client (no secret, the browser cannot keep one) using
    /// the authorization code flow with PKCE; its redirect URIs are the pages themselves (see README, Sign-in).
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The scopes the pages ask for (oidc), space-separated: <c>openid</c> and <c>profile</c>, <c>offline_access</c> for a
    /// refresh token (the pages renew the access token with it), and whatever scope makes the provider put
    /// <c>Auth:Audience</c> into the access token (often the API's own scope, e.g. <c>crm-api</c>).
    /// </summary>
    public string Scopes { get; set; } = DefaultScopes;

    /// <summary>The default of <see cref="Scopes"/>.</summary>
    public const string DefaultScopes = "openid profile offline_access";

    /// <summary>The oidc claim mapping: which of the provider's claims carry the user id, the role and the store.</summary>
    public OidcClaimOptions Claims { get; set; } = new();

    /// <summary>Whether the authority must be HTTPS (oidc); off only for a local test provider.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>True for built-in accounts.</summary>
    public bool IsBuiltin => string.Equals(Accounts, Builtin, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the chain's OpenID Connect provider.</summary>
    public bool IsOidc => string.Equals(Accounts, Oidc, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsBuiltin && !IsOidc)
        {
            yield return new ValidationResult($"Auth:Accounts must be '{Builtin}' or '{Oidc}', not '{Accounts}'.", [nameof(Accounts)]);
        }

        if (IsOidc && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Auth:Authority (the provider's issuer URL) is required when Auth:Accounts is 'oidc'.", [nameof(Authority)]);
        }

        if (IsOidc && string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("Auth:ClientId (the staff pages' public client at the provider) is required when Auth:Accounts is 'oidc'.", [nameof(ClientId)]);
        }

        if (IsOidc && !(Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            yield return new ValidationResult($"Auth:Scopes must include 'openid' (space-separated, default '{DefaultScopes}'), not '{Scopes}'.", [nameof(Scopes)]);
        }

        if (string.IsNullOrWhiteSpace(BootstrapAdmin.UserId) != string.IsNullOrEmpty(BootstrapAdmin.Password))
        {
            yield return new ValidationResult("Auth:BootstrapAdmin:UserId and Auth:BootstrapAdmin:Password go together.", [nameof(BootstrapAdmin)]);
        }

        foreach (var (name, value) in new[] { (nameof(AccessTokenLifetime), AccessTokenLifetime), (nameof(RefreshTokenLifetime), RefreshTokenLifetime), (nameof(LockoutDuration), LockoutDuration) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Auth:{name} must be positive.", [name]);
            }
        }

        if (RefreshTokenLifetime <= AccessTokenLifetime)
        {
            yield return new ValidationResult("Auth:RefreshTokenLifetime must be longer than Auth:AccessTokenLifetime.", [nameof(RefreshTokenLifetime)]);
        }

        if (string.IsNullOrWhiteSpace(Claims.UserId) || string.IsNullOrWhiteSpace(Claims.Role) || string.IsNullOrWhiteSpace(Claims.Store))
        {
            yield return new ValidationResult("Auth:Claims:UserId, :Role and :Store name the provider's claims and may not be empty.", [nameof(Claims)]);
        }
    }
}
