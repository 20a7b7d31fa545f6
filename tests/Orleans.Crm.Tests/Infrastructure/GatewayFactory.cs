using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Orleans.Crm.Tests.Infrastructure;

/// <summary>
/// The co-hosted gateway (with its silo) in memory for API tests. With a connection string it uses PostgreSQL,
/// so two factories on one database act as two gateway+silo processes.
/// </summary>
public sealed class GatewayFactory(string? connectionString = null, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>A gateway on a fresh PostgreSQL database of the test run's server.</summary>
    public static async Task<GatewayFactory> OnPostgresAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("gw"), settings);

    /// <summary>The database, when on PostgreSQL.</summary>
    public string? ConnectionString { get; } = connectionString;

    /// <summary>Fails when the gateway is not on the storage the test asked for.</summary>
    public void AssertStorage()
    {
        var outbox = Services.GetService(typeof(Orleans.Crm.Runtime.IOutbox))!.GetType().Name;
        Assert.Equal(ConnectionString is null ? "MemoryGrainStorage" : "PostgresGrainStorage", outbox);
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var values = new Dictionary<string, string?>
        {
            ["Auth:DevTokens"] = "true",
            ["Demo:Seed"] = "false",
            ["Storage:Provider"] = ConnectionString is null ? "memory" : "postgres",
            ["ConnectionStrings:Crm"] = ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        // UseSetting, not ConfigureAppConfiguration: Program reads Storage:Provider while it registers services,
        // before configuration sources added by the factory would be visible.
        foreach (var (key, value) in values)
        {
            builder.UseSetting(key, value);
        }
    }
}
