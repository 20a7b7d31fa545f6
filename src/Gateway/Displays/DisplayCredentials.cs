using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>
/// A wall display's credential: <c>crmd.{displayId}.{secret}</c>, an opaque bearer token with 256 random bits. The
/// registry keeps only the SHA-256 of the secret (a random secret needs no slow hash), so neither the database nor a
/// backup holds a usable credential; every request checks it against the registry (cached for seconds), which is what
/// makes it revocable and independent of the staff tokens' signing key and of an OpenID Connect provider.
/// </summary>
public static class DisplayCredentials
{
    /// <summary>The authentication scheme of display credentials.</summary>
    public const string Scheme = "crm-display";

    /// <summary>The default scheme: display credentials to <see cref="Scheme"/>, every other bearer token to JwtBearer.</summary>
    public const string Selector = "crm-bearer-or-display";

    /// <summary>The claim carrying the display id (with <c>sub</c> = the display id and <c>role</c> = display).</summary>
    public const string DisplayIdClaim = "display_id";

    private const string Prefix = "crmd.";

    /// <summary>A new credential for <paramref name="displayId"/>'s secret and the hash the registry keeps.</summary>
    public static string NewSecret(out string hash)
    {
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        hash = Hash(secret);
        return secret;
    }

    /// <summary>The credential handed to the display once.</summary>
    public static string Format(string displayId, string secret) => Prefix + displayId + "." + secret;

    /// <summary>The hash of a secret, as the registry keeps it (hex SHA-256).</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>True when the hash of <paramref name="secret"/> is <paramref name="hash"/> (in constant time).</summary>
    public static bool Matches(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));

    /// <summary>Splits a credential; false for anything else (a JWT, garbage).</summary>
    public static bool TryParse(string? credential, [NotNullWhen(true)] out string? displayId, [NotNullWhen(true)] out string? secret)
    {
        displayId = secret = null;
        if (credential is null || !credential.StartsWith(Prefix, StringComparison.Ordinal) || credential.Length > 200)
        {
            return false;
        }

        var rest = credential.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0 || dot == rest.Length - 1)
        {
            return false;
        }

        displayId = rest[..dot].ToString();
        secret = rest[(dot + 1)..].ToString();
        return Api.Validation.CrmIdAttribute.IsValidId(displayId);
    }

    /// <summary>The bearer token of the request: the Authorization header, or (hubs only) the access_token query parameter.</summary>
    public static string? Read(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return http.Request.Path.StartsWithSegments("/hubs") && http.Request.Query["access_token"] is [{ Length: > 0 } token] ? token : null;
    }

    /// <summary>True when the request carries a display credential (not a staff token).</summary>
    public static bool IsDisplayCredential(HttpContext http) => Read(http)?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}
