using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Security;

/// <summary>
/// <c>Security:*</c> (issue 14): customer ids are a keyed HMAC of the phone; outside Development a silo without its
/// identity key refuses to start; the rate limits' settings are validated at start.
/// </summary>
public sealed class SecurityConfigurationTests
{
    private const string Key = "an-identity-key-of-at-least-32-bytes-0123456789";

    [Fact]
    public void ACustomerIdIsAKeyedHmacOfThePhoneNotAnUnkeyedHash()
    {
        var phone = "13912345678";
        var id = new CustomerIdentity(Key).IdOf(phone);
        var unkeyed = "c-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("orleans-crm/customer/" + phone)).AsSpan(0, 10));

        Assert.Equal(id, new CustomerIdentity(Key).IdOf(phone));
        Assert.NotEqual(unkeyed, id);
        Assert.NotEqual(id, new CustomerIdentity(Key + "!").IdOf(phone));
        Assert.Matches("^c-[0-9a-f]{20}$", id);
        Assert.Throws<ArgumentException>(() => new CustomerIdentity("too-short"));
    }

    [Fact]
    public async Task AVisitsCustomerIdIsDerivedWithTheConfiguredKey()
    {
        await using var api = new ApiHarness(new GatewayFactory(settings: new Dictionary<string, string?> { ["Security:IdentityKey"] = Key }));
        var store = await api.StoreAsync();
        var phone = ApiHarness.NewPhone();

        var visit = await api.VisitAsync(store, phone);

        Assert.Equal(new CustomerIdentity(Key).IdOf(phone), visit.Str("customerId"));
    }

    [Fact]
    public async Task OutsideDevelopmentASiloWithoutAnIdentityKeyRefusesToStart()
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["environment"] = "Production", ["Auth:SigningKey"] = Key });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("Security:IdentityKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideDevelopmentAShortIdentityKeyIsRefusedAndAGoodOneStarts()
    {
        await using var refused = new GatewayFactory(settings: new Dictionary<string, string?> { ["environment"] = "Production", ["Auth:SigningKey"] = Key, ["Security:IdentityKey"] = "short" });
        await using var started = new GatewayFactory(settings: new Dictionary<string, string?> { ["environment"] = "Production", ["Auth:SigningKey"] = Key, ["Security:IdentityKey"] = Key });

        Assert.Contains("Security:IdentityKey", Assert.ThrowsAny<Exception>(() => refused.Services).ToString(), StringComparison.Ordinal);
        Assert.Equal(new CustomerIdentity(Key).IdOf("13912345678"), started.Services.GetRequiredService<CustomerIdentity>().IdOf("13912345678"));
    }

    [Fact]
    public async Task InDevelopmentTheDevelopmentKeyIsTheDefault()
    {
        await using var factory = new GatewayFactory();

        var identity = factory.Services.GetRequiredService<CustomerIdentity>();

        Assert.Equal(new CustomerIdentity(Orleans.Crm.Silo.Hosting.SecuritySettings.DevelopmentIdentityKey).IdOf("13912345678"), identity.IdOf("13912345678"));
    }

    [Theory]
    [InlineData("Security:RateLimits:Lookups:PermitLimit", "0", "Security:RateLimits:Lookups")]
    [InlineData("Security:RateLimits:Exports:Window", "00:00:00", "Security:RateLimits:Exports")]
    public async Task AnInvalidRateLimitFailsAtStartNamingTheKey(string key, string value, string named)
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
