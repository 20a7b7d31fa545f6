using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Orleans.Configuration;

namespace Orleans.Crm.Tests.Infrastructure;

/// <summary>
/// What each test host preallocates, kept small: the suite starts a few hundred silos and gateways in one process, and
/// the production defaults are sized for one long-lived host (a grain directory cache of a million entries, 2,000
/// metric points per metric stream, all allocated up front). A test host retained past its test (see the README's
/// Testing section) then costs megabytes, not tens of them.
/// </summary>
public static class TestHostFootprint
{
    /// <summary>Grain directory cache entries per silo (Orleans's default is 1,000,000).</summary>
    public const int DirectoryCacheSize = 10_000;

    /// <summary>Metric points per metric stream (OpenTelemetry's default is 2,000).</summary>
    public const int MetricPointsPerStream = 100;

    /// <summary>The silo side: a small grain directory cache.</summary>
    public static void ApplySilo(IServiceCollection services) =>
        services.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);

    /// <summary>A co-hosted gateway: the silo side, and few metric points per stream.</summary>
    public static void ApplyGateway(IServiceCollection services)
    {
        ApplySilo(services);
        services.ConfigureOpenTelemetryMeterProvider(metrics =>
            metrics.AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MetricPointsPerStream }));
    }
}
