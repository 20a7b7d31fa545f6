using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Crm.Tests.Infrastructure;

/// <summary>
/// The co-hosted gateway (with its Orleans silo) in memory for API tests, on free ports of its own. With a connection
/// string it uses PostgreSQL: every factory on one database joins one cluster (ADO.NET clustering), so two factories
/// act as two gateway+silo processes sharing grains.
/// </summary>
public sealed class GatewayFactory(string? connectionString = null, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>A gateway on a fresh PostgreSQL database of the test run's server.</summary>
    public static async Task<GatewayFactory> OnPostgresAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("gw"), settings);

    /// <summary>The database, when on PostgreSQL.</summary>
    public string? ConnectionString { get; } = connectionString;

    /// <summary>This gateway's Orleans ports.</summary>
    public (int Silo, int Gateway) Ports { get; } = (AppProcess.FreePort(), AppProcess.FreePort());

    private string ClusterName => ConnectionString is null
        ? $"mem-{Ports.Silo}"
        : "db-" + new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database;

    /// <summary>Fails when the gateway's silo is not on the storage the test asked for.</summary>
    public void AssertStorage()
    {
        var storage = Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(Orleans.Crm.Grains.CrmStorage.Provider).GetType().Name;
        Assert.Equal(ConnectionString is null ? "MemoryGrainStorage" : "KeyPreservingGrainStorage", storage);
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureServices(TestHostFootprint.ApplyGateway);
        var values = new Dictionary<string, string?>
        {
            ["Auth:DevTokens"] = "true",
            ["Demo:Seed"] = "false",
            ["Storage:Provider"] = ConnectionString is null ? "memory" : "postgres",
            ["ConnectionStrings:Crm"] = ConnectionString,
            ["Orleans:SiloPort"] = Ports.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = Ports.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:AdvertisedIP"] = "127.0.0.1",

            // Processes on one database are one cluster; in memory every gateway is a cluster of its own.
            ["Orleans:ClusterId"] = ClusterName,
            ["Orleans:ServiceId"] = ClusterName,
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
