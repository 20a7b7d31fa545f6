using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task TheCapTableAndPoolLimitsAreConfigurable()
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Rules:NormalCaps:0"] = "4",
            ["Rules:NormalCaps:1"] = "3",
            ["Rules:BeyondCap"] = "0",
            ["Rules:ClaimsPerDay"] = "2",
        });

        var rules = factory.Services.GetRequiredService<RulesOptions>();

        Assert.Equal((4, 3, 0), (rules.Caps.CapFor(1, Season.Normal), rules.Caps.CapFor(2, Season.Normal), rules.Caps.CapFor(3, Season.Normal)));
        Assert.Equal(3, rules.Caps.CapFor(1, Season.Peak));
        Assert.Equal((2, 20), (rules.Pool.ClaimsPerDay, rules.Pool.OpenClaims));
    }

    [Fact]
    public async Task AnInvalidRuleSettingFailsAtStartNamingTheKey()
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Rules:PeakCaps:0"] = "-1" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services.GetRequiredService<RulesOptions>());

        Assert.Contains("Rules:PeakCaps", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, SlotFreedAt.Contract)]
    [InlineData("contract", SlotFreedAt.Contract)]
    [InlineData("Deposit", SlotFreedAt.Deposit)]
    public async Task WhenASignedLeadFreesItsSlotIsConfigurable(string? value, SlotFreedAt expected)
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Rules:SlotFreedAt"] = value });

        Assert.Equal(expected, factory.Services.GetRequiredService<RulesOptions>().SlotFreedAt);
    }

    [Fact]
    public async Task AnUnknownSlotFreedAtFailsAtStartNamingTheKeyAndTheAllowedValues()
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Rules:SlotFreedAt"] = "measurement" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services.GetRequiredService<RulesOptions>());

        Assert.Contains("Rules:SlotFreedAt", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("contract, deposit", error.ToString(), StringComparison.Ordinal);
    }
}
