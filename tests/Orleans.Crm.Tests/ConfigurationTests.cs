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

    [Fact]
    public async Task TheWarrantyAndCallbackDelaysAreConfigurableWithTheRulebooksDefaults()
    {
        await using var defaults = new GatewayFactory();
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Rules:Warranty:Years"] = "3",
            ["Rules:Warranty:WaterproofingYears"] = "8",
            ["Rules:Callbacks:Days:0"] = "2",
            ["Rules:Callbacks:Days:1"] = "7",
            ["Rules:Callbacks:TicketMinutes"] = "30",
            ["Rules:Callbacks:RecheckHours"] = "12",
        });

        var standard = defaults.Services.GetRequiredService<RulesOptions>();
        var rules = factory.Services.GetRequiredService<RulesOptions>();

        Assert.Equal((2, 5), (standard.Warranty.Years, standard.Warranty.WaterproofingYears));
        Assert.Equal([3, 10, 30], standard.Callbacks.Days.ToArray());
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(24)), (standard.Callbacks.TicketDue, standard.Callbacks.RecheckDue));
        Assert.Equal((3, 8), (rules.Warranty.Years, rules.Warranty.WaterproofingYears));
        Assert.Equal([2, 7], rules.Callbacks.Days.ToArray());
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromHours(12)), (rules.Callbacks.TicketDue, rules.Callbacks.RecheckDue));
    }

    [Theory]
    [InlineData("Rules:Warranty:Years", "0", "Rules:Warranty:Years")]
    [InlineData("Rules:Warranty:WaterproofingYears", "31", "Rules:Warranty:WaterproofingYears")]
    [InlineData("Rules:Callbacks:Days:0", "0", "Rules:Callbacks:Days")]
    [InlineData("Rules:Callbacks:TicketMinutes", "0", "Rules:Callbacks:TicketMinutes")]
    [InlineData("Rules:Callbacks:RecheckHours", "0", "Rules:Callbacks:RecheckHours")]
    public async Task AnInvalidAfterSalesSettingFailsAtStartNamingTheKey(string key, string value, string named)
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services.GetRequiredService<RulesOptions>());

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
