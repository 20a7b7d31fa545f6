using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Crm.Grains;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Complaints;

/// <summary>The service clock's durations are settings with defaults (<c>Rules:Complaints:*</c>), checked at start; the /service page is served.</summary>
public sealed class ComplaintSettingsTests
{
    [Fact]
    public async Task TheServiceClockIsConfigurableAndDefaultsToSeed003()
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Rules:Complaints:Check"] = "06:00:00" });

        var clock = factory.Services.GetRequiredService<IOptions<ComplaintOptions>>().Value;

        Assert.Equal(TimeSpan.FromHours(6), clock.Check);
        Assert.Equal((30, 10, 20), (clock.ReplyPromise.TotalMinutes, clock.DepartmentNotice.TotalMinutes, clock.CustomerTold.TotalMinutes));
        Assert.Equal((TimeSpan.FromHours(24), TimeSpan.FromDays(7)), (clock.SatisfactionCall, clock.RepeatWindow));
    }

    [Fact]
    public async Task AnInvalidDurationFailsAtStartNamingTheKey()
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Rules:Complaints:ReplyPromise"] = "00:00:01" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services.GetRequiredService<IOptions<ComplaintOptions>>().Value);

        Assert.Contains("Rules:Complaints:ReplyPromise", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServicePageIsServedBilingual()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/service");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("客服投诉看板", html, StringComparison.Ordinal);
        Assert.Contains("Complaints board", html, StringComparison.Ordinal);
        Assert.Contains("/js/service.js", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/js/service.js")).StatusCode);
    }
}
