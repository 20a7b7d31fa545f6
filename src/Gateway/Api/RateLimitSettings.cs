using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Per-user rate limits on reading customer data (<c>Security:RateLimits:*</c>, issue 14): a fixed window per user of
/// <see cref="RateLimitWindow.PermitLimit"/> requests every <see cref="RateLimitWindow.Window"/>.
/// </summary>
public sealed class RateLimitSettings : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Security:RateLimits";

    /// <summary>Customer look-ups (<c>GET /api/leads/{id}</c>, <c>GET /api/customers/{id}</c>); default 120 a minute.</summary>
    public RateLimitWindow Lookups { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Exports (<c>GET /api/exports/*.xlsx</c>); default 30 in 10 minutes.</summary>
    public RateLimitWindow Exports { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Wall-display pairing claims per client address (<c>POST /api/display-pairings/{code}/claim</c>); default 10 in 5 minutes.</summary>
    public RateLimitWindow DisplayClaims { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, limit) in new[] { (nameof(Lookups), Lookups), (nameof(Exports), Exports), (nameof(DisplayClaims), DisplayClaims) })
        {
            if (limit.PermitLimit is < 1 or > 1_000_000)
            {
                yield return new ValidationResult($"{Section}:{name}:PermitLimit must be between 1 and 1000000 (got {limit.PermitLimit}).", [name]);
            }

            if (limit.Window < TimeSpan.FromSeconds(1) || limit.Window > TimeSpan.FromDays(1))
            {
                yield return new ValidationResult($"{Section}:{name}:Window must be between 00:00:01 and 1.00:00:00 (got {limit.Window}).", [name]);
            }
        }
    }
}
