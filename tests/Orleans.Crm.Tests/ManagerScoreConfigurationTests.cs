using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests;

/// <summary><c>Rules:ManagerScore:*</c>: the seed's numbers by default, each replaceable, nonsense refused at start naming the key.</summary>
public sealed class ManagerScoreConfigurationTests
{
    [Fact]
    public async Task TheManagerScoreKeepsTheSeedsNumbersUnlessConfigured()
    {
        await using var defaults = new GatewayFactory();
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Rules:ManagerScore:Consultation:Target"] = "35",
            ["Rules:ManagerScore:MainMaterial:ZeroBelow"] = "25",
            ["Rules:ManagerScore:SupervisorWeight"] = "0.5",
            ["Rules:ManagerScore:QuarrelPenalty"] = "3",
            ["Rules:ManagerScore:ExcellentAt"] = "90",
            ["Rules:ManagerScore:HalfYearKeepAbove"] = "60",
        });

        var standard = defaults.Services.GetRequiredService<RulesOptions>().ManagerScore;
        var score = factory.Services.GetRequiredService<RulesOptions>().ManagerScore;

        Assert.Equal((35m, 40m, 1m, (decimal?)null), (standard.Consultation.Points, standard.Consultation.Target, standard.Consultation.PerPointBelow, standard.Consultation.ZeroBelow));
        Assert.Equal((30m, 50m, 1m, (decimal?)20m), (standard.MainMaterial.Points, standard.MainMaterial.Target, standard.MainMaterial.PerPointBelow, standard.MainMaterial.ZeroBelow));
        Assert.Equal((10m, 15m, 2m), (standard.PhoneInvitation.Points, standard.PhoneInvitation.Target, standard.PhoneInvitation.PerPointBelow));
        Assert.Equal((10m, 100m, 2m), (standard.Callbacks.Points, standard.Callbacks.Target, standard.Callbacks.PerPointBelow));
        Assert.Equal((0.15m, 0.4m, 60m, 10m, 95m, 3m, 5m, 85m, 70m), (standard.SatisfactionFactor, standard.SupervisorWeight, standard.ConsultationBonusAt, standard.ConsultationBonus, standard.SatisfactionBonusAt, standard.SatisfactionBonus, standard.QuarrelPenalty, standard.ExcellentAt, standard.HalfYearKeepAbove));
        Assert.Equal((35m, 35m, 1m), (score.Consultation.Points, score.Consultation.Target, score.Consultation.PerPointBelow));
        Assert.Equal((30m, 50m, (decimal?)25m), (score.MainMaterial.Points, score.MainMaterial.Target, score.MainMaterial.ZeroBelow));
        Assert.Equal((0.5m, 3m, 90m, 60m), (score.SupervisorWeight, score.QuarrelPenalty, score.ExcellentAt, score.HalfYearKeepAbove));
    }

    [Theory]
    [InlineData("Rules:ManagerScore:Consultation:Target", "0", "Rules:ManagerScore:Consultation")]
    [InlineData("Rules:ManagerScore:MainMaterial:ZeroBelow", "120", "Rules:ManagerScore:MainMaterial")]
    [InlineData("Rules:ManagerScore:Callbacks:PerPointBelow", "-2", "Rules:ManagerScore:Callbacks")]
    [InlineData("Rules:ManagerScore:SupervisorWeight", "1.5", "Rules:ManagerScore:SupervisorWeight")]
    [InlineData("Rules:ManagerScore:ExcellentAt", "-1", "Rules:ManagerScore:ExcellentAt")]
    public async Task AnInvalidManagerScoreSettingFailsAtStartNamingTheKey(string key, string value, string named)
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services.GetRequiredService<RulesOptions>());

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
