using System.ComponentModel.DataAnnotations;
using System.Text;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// The silo side of the <c>Security</c> section (issue 14, DOMAIN §9): the customer identity key. Validated at start:
/// outside the Development environment a silo without <c>Security:IdentityKey</c> refuses to start.
/// </summary>
public sealed class SecuritySettings : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Security";

    /// <summary>
    /// The identity key used only in the Development environment when none is configured. Public, so ids derived with
    /// it are as guessable as the old unkeyed hash: never outside a developer's machine.
    /// </summary>
    public const string DevelopmentIdentityKey = "orleans-crm-development-identity-key-never-use-in-production";

    /// <summary>
    /// The HMAC key customer ids are derived with (UTF-8, at least 32 bytes; Kubernetes: the Secret's
    /// <c>Security__IdentityKey</c>). Long-lived: changing it re-keys every customer (README).
    /// </summary>
    public string? IdentityKey { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(IdentityKey))
        {
            yield return new ValidationResult(
                "Security:IdentityKey is required (at least 32 bytes, from a Secret); only the Development environment has a default.",
                [nameof(IdentityKey)]);
        }
        else if (Encoding.UTF8.GetByteCount(IdentityKey) < CustomerIdentity.MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"Security:IdentityKey must be at least {CustomerIdentity.MinimumKeyBytes} bytes (UTF-8).",
                [nameof(IdentityKey)]);
        }
    }
}
