using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Orleans.Crm.Runtime;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Board;

/// <summary>
/// A co-hosted gateway like <see cref="GatewayFactory"/>, with its settings given as host settings (<c>UseSetting</c>):
/// AddCrmSilo reads <c>Storage:Provider</c> while Program registers services, before configuration added with
/// ConfigureAppConfiguration is visible, so a GatewayFactory "on PostgreSQL" silently runs on in-memory storage.
/// </summary>
public sealed class BoardGatewayFactory(string? connectionString = null, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>A gateway on a fresh PostgreSQL database of the test run's server.</summary>
    public static async Task<BoardGatewayFactory> OnPostgresAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("board"), settings);

    /// <summary>The database, when on PostgreSQL.</summary>
    public string? ConnectionString { get; } = connectionString;

    /// <summary>Fails when the gateway is not on the storage the test asked for.</summary>
    public void AssertStorage()
    {
        var outbox = Services.GetService(typeof(IOutbox))!.GetType().Name;
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

        foreach (var (key, value) in values)
        {
            builder.UseSetting(key, value);
        }
    }
}
