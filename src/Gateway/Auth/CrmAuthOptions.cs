using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Orleans.Crm.Gateway.Auth;

/// <summary>The <c>Auth</c> configuration section: how tokens are signed and checked, and whether dev tokens are handed out.</summary>
public sealed class CrmAuthOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>HMAC-SHA256 wants at least a 256-bit key.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// The signing key used when <see cref="DevTokens"/> is on and no <see cref="SigningKey"/> is configured. It is
    /// fixed (not random per process) so that two local gateway processes accept each other's tokens; it is public,
    /// so a gateway that hands out dev tokens must never face the internet.
    /// </summary>
    public const string DevelopmentSigningKey = "orleans-crm-development-signing-key-never-use-in-production";

    /// <summary>The shared HMAC key (UTF-8, at least 32 bytes). Required unless <see cref="DevTokens"/> is on.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The <c>iss</c> of issued and accepted tokens.</summary>
    [Required]
    public string Issuer { get; set; } = "orleans-crm";

    /// <summary>The <c>aud</c> of issued and accepted tokens.</summary>
    [Required]
    public string Audience { get; set; } = "orleans-crm";

    /// <summary>Enables <c>POST /api/dev/token</c>: anyone may mint any role. Local runs and tests only.</summary>
    public bool DevTokens { get; set; }

    /// <summary>How long a dev token is valid (a showroom shift).</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The key tokens are signed and checked with.</summary>
    public byte[] KeyBytes() => Encoding.UTF8.GetBytes(
        string.IsNullOrEmpty(SigningKey)
            ? DevTokens ? DevelopmentSigningKey : throw new InvalidOperationException("Auth:SigningKey is not configured.")
            : SigningKey);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(SigningKey))
        {
            if (!DevTokens)
            {
                yield return new ValidationResult(
                    "Auth:SigningKey is required (at least 32 bytes) unless Auth:DevTokens is true.",
                    [nameof(SigningKey)]);
            }
        }
        else if (Encoding.UTF8.GetByteCount(SigningKey) < MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"Auth:SigningKey must be at least {MinimumKeyBytes} bytes (UTF-8).",
                [nameof(SigningKey)]);
        }

        if (DevTokenLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Auth:DevTokenLifetime must be positive.", [nameof(DevTokenLifetime)]);
        }
    }
}
