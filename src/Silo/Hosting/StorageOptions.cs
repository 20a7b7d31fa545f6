using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>Which storage provider the silo uses: <c>Storage:Provider</c> = memory (default) | postgres.</summary>
public sealed class StorageOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>The in-memory provider (one process, nothing survives a restart).</summary>
    public const string Memory = "memory";

    /// <summary>The PostgreSQL provider (<c>ConnectionStrings:Crm</c>).</summary>
    public const string Postgres = "postgres";

    /// <summary>memory | postgres.</summary>
    public string Provider { get; set; } = Memory;

    /// <summary>From <c>ConnectionStrings:Crm</c>; required for postgres.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>True when PostgreSQL is configured.</summary>
    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsPostgres && !string.Equals(Provider, Memory, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Storage:Provider must be '{Memory}' or '{Postgres}', not '{Provider}'.", [nameof(Provider)]);
        }

        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Storage:Provider is 'postgres' but ConnectionStrings:Crm is not set.", [nameof(ConnectionString)]);
        }
    }
}
