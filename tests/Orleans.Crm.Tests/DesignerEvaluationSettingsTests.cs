using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests;

/// <summary><c>Rules:DesignerScore:*</c>, <c>Rules:Ranking:RunAt</c>, <c>Rules:Grade:*</c>, <c>Rules:DesignFee:*</c>: defaults, overrides, and bad values refused at start.</summary>
public sealed class DesignerEvaluationSettingsTests
{
    [Fact]
    public async Task TheDefaultsAreTheDocumentedOnes()
    {
        await using var factory = new GatewayFactory();

        var options = factory.Services.GetRequiredService<DesignerEvaluationOptions>();

        Assert.Equal(DesignerScoreWeights.Default, options.Score);
        Assert.Equal(100m, options.Score.Measurement + options.Score.Deposit + options.Score.Signing + options.Score.Cycle + options.Score.Output + options.Score.SiteSatisfaction + options.Score.PhonedOwnCustomers);
        Assert.Equal(new TimeOnly(22, 0), options.RankingRunAt);
        Assert.Equal((75m, 90m), (options.Grades.ExcellentFrom, options.Grades.ExpertFrom));
        Assert.Equal((0m, 30m, 60m), (options.DesignFees.RateOf(DesignerGrade.Ordinary), options.DesignFees.RateOf(DesignerGrade.Excellent), options.DesignFees.RateOf(DesignerGrade.Expert)));
    }

    [Fact]
    public async Task EveryNumberIsConfigurable()
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Rules:DesignerScore:Signing"] = "40",
            ["Rules:DesignerScore:FixedDeduction"] = "1.5",
            ["Rules:Ranking:RunAt"] = "21:30",
            ["Rules:Grade:ExpertFrom"] = "95",
            ["Rules:DesignFee:Expert"] = "80",
        });

        var options = factory.Services.GetRequiredService<DesignerEvaluationOptions>();

        Assert.Equal((40m, 1.5m, 15m), (options.Score.Signing, options.Score.FixedDeduction, options.Score.Measurement));
        Assert.Equal(new TimeOnly(21, 30), options.RankingRunAt);
        Assert.Equal((75m, 95m), (options.Grades.ExcellentFrom, options.Grades.ExpertFrom));
        Assert.Equal(80m, options.DesignFees.Expert);
    }

    [Theory]
    [InlineData("Rules:Ranking:RunAt", "10pm", "Rules:Ranking:RunAt")]
    [InlineData("Rules:DesignerScore:Refusal", "-3", "Rules:DesignerScore:Refusal")]
    [InlineData("Rules:Grade:ExcellentFrom", "95", "Rules:Grade:ExcellentFrom")]
    [InlineData("Rules:DesignFee:Excellent", "-1", "Rules:DesignFee:Excellent")]
    public async Task ABadSettingFailsAtStartNamingTheKey(string key, string value, string named)
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services.GetRequiredService<DesignerEvaluationOptions>());

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
