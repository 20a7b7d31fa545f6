using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Crm.Grains;
using Orleans.Diagnostics;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// Metrics, traces and logs of a gateway or silo process. Metrics (ASP.NET Core, the .NET runtime, Orleans, Npgsql, and
/// the business's <c>Orleans.Crm</c> meter) are exposed for Prometheus at <c>GET /metrics</c>, on the management
/// endpoint when <c>Management:Urls</c> names one; traces (ASP.NET Core, Orleans grain calls, Npgsql, the CRM's command
/// spans) are exported with OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and not sampled at all otherwise;
/// logs are JSON lines with their scopes (the command id) outside Development.
/// </summary>
public static class CrmObservabilityExtensions
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The meter of Orleans's own instruments (Orleans.Core 10.4.2).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>The standard variable that turns OTLP trace export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Registers metrics, tracing, the management endpoint and the log format. Call once per process.</summary>
    public static IHostApplicationBuilder AddCrmObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ManagementOptions>().Bind(builder.Configuration.GetSection(ManagementOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ManagementEndpoint>();
        services.AddHostedService<ManagementListener>();

        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object per line, with the scopes (commandId, the request's trace id) as properties.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        var exportTraces = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddMeter(CrmMetrics.MeterName, OrleansMeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(CrmTracing.SourceName, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName, ActivitySources.StorageActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbeOrScrape(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();

                // Off unless an OTLP endpoint is configured: nothing is recorded, so spans cost (almost) nothing.
                // A test host adds its own exporter and sampler through ConfigureOpenTelemetryTracerProvider.
                if (exportTraces)
                {
                    tracing.AddOtlpExporter();
                }
                else
                {
                    tracing.SetSampler(new AlwaysOffSampler());
                }
            });
        return builder;
    }

    /// <summary>
    /// Answers <c>GET /metrics</c> (Prometheus text format, no authentication: names and tags carry no customer data),
    /// only on the management endpoint when there is one. Call before the app's own endpoints.
    /// </summary>
    public static IApplicationBuilder UseCrmMetrics(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var management = app.ApplicationServices.GetRequiredService<ManagementEndpoint>();
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Request.Path == MetricsPath && management.Accepts(http));
    }

    // Kubelet probes every few seconds and Prometheus's scrapes would drown the traces of real requests.
    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments(MetricsPath, StringComparison.Ordinal);
}
