using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Silo.Persistence.DataProtection;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// <c>Security:DataKeys</c> (issue 14): the AES-256 keys data at rest is sealed with. <c>Current</c> names the key new
/// writes use; <c>Keys:&lt;id&gt;</c> are every key still readable (base64 of 32 bytes; Kubernetes:
/// <c>Security__DataKeys__Keys__2026a</c> from the Secret). Rotation: add a key, make it current, keep the old ones as
/// long as rows sealed with them exist. Required by silos on PostgreSQL outside Development (validated at start); only
/// the Development environment has a default.
/// </summary>
public sealed class DataKeySettings : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Security:DataKeys";

    /// <summary>The id of the Development default key.</summary>
    public const string DevelopmentKeyId = "dev";

    /// <summary>
    /// The data key used only in the Development environment when none is configured. Public, so data sealed with it is
    /// as readable as plaintext to anyone with the source: never outside a developer's machine.
    /// </summary>
    public const string DevelopmentKey = "b3JsZWFucy1jcm0tZGV2LWRhdGEta2V5LW5vdC1zZWM=";

    /// <summary>The id of the key writes use.</summary>
    public string? Current { get; set; }

    /// <summary>Every readable key: id → base64 of 32 bytes.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The cipher these settings describe (call after validation).</summary>
    public DataCipher ToCipher() => new(Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)), Current!);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Keys.Count == 0)
        {
            yield return new ValidationResult(
                "Security:DataKeys:Keys is required on PostgreSQL (at least one key: Security:DataKeys:Keys:<id> = base64 of 32 bytes, from a Secret); only the Development environment has a default.",
                [nameof(Keys)]);
        }

        foreach (var (id, value) in Keys)
        {
            if (!DataCipher.IsValidKeyId(id))
            {
                yield return new ValidationResult($"Security:DataKeys:Keys:{id}: a key id is 1–{DataCipher.MaxKeyIdLength} letters, digits, '-' or '_'.", [nameof(Keys)]);
            }

            var bytes = new byte[DataCipher.KeyBytes + 1];
            if (!Convert.TryFromBase64String(value ?? "", bytes, out var written) || written != DataCipher.KeyBytes)
            {
                yield return new ValidationResult($"Security:DataKeys:Keys:{id} must be base64 of exactly {DataCipher.KeyBytes} random bytes (openssl rand -base64 32).", [nameof(Keys)]);
            }
        }

        if (string.IsNullOrEmpty(Current))
        {
            yield return new ValidationResult("Security:DataKeys:Current is required: the id of the key new writes are sealed with.", [nameof(Current)]);
        }
        else if (Keys.Count > 0 && !Keys.Keys.Any(id => string.Equals(id, Current, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new ValidationResult(
                $"Security:DataKeys:Current is '{Current}', which is not among Security:DataKeys:Keys ({string.Join(", ", Keys.Keys)}).",
                [nameof(Current)]);
        }
    }
}
