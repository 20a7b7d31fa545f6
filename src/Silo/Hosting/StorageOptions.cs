using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// Where the cluster keeps its state (<c>Storage:Provider</c> = memory, the default, or postgres with
/// <c>ConnectionStrings:Crm</c>). With postgres, clustering, grain state and reminders all live in that database, so
/// every process started with it joins one cluster.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>One process, nothing survives a restart.</summary>
    public const string Memory = "memory";

    /// <summary>PostgreSQL through the Orleans ADO.NET providers.</summary>
    public const string Postgres = "postgres";

    /// <summary>The ADO.NET invariant the Orleans providers load Npgsql by.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>memory | postgres.</summary>
    public string Provider { get; set; } = Memory;

    /// <summary>From <c>ConnectionStrings:Crm</c>; required for postgres.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The connection string the Orleans providers use: the configured one without Npgsql's reset on returning a
    /// connection to the pool (a <c>DISCARD ALL</c> sent with every next statement). The providers keep no session
    /// state (no prepared statements, temporary tables or settings), so there is nothing to reset.
    /// </summary>
    public string? ProviderConnectionString => ConnectionString is null
        ? null
        : new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { NoResetOnClose = true }.ConnectionString;

    /// <summary>True when PostgreSQL is configured.</summary>
    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>The options as configured (used while services are registered, before options are validated).</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions();
        configuration.GetSection(Section).Bind(options);
        options.ConnectionString ??= configuration.GetConnectionString("Crm");
        return options;
    }

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
