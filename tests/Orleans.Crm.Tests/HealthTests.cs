using System.Net;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests;

public sealed class HealthTests
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAnswerHealthyWithInMemoryStorage(string path)
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadinessOnPostgresChecksTheDatabase()
    {
        await using var factory = await GatewayFactory.OnPostgresAsync();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownStorageProviderFailsAtStartWithTheKeyNamed()
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Storage:Provider"] = "mongo" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Storage:Provider", error.ToString(), StringComparison.Ordinal);
    }
}
