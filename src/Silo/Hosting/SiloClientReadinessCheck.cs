using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Crm.Silo.Remote;
using Orleans.Crm.Silo.Storage.Postgres;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>A split-mode gateway is ready when it is not draining, PostgreSQL answers and some silo is ready.</summary>
internal sealed class SiloClientReadinessCheck(SiloReadiness readiness, PostgresGrainStorage outbox, IOptions<SiloClientOptions> options) : IHealthCheck
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (readiness.IsDraining)
        {
            return HealthCheckResult.Unhealthy("draining");
        }

        if (!await outbox.PingAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable");
        }

        foreach (var endpoint in options.Value.Endpoints)
        {
            try
            {
                using var response = await Probe.GetAsync(new Uri(new Uri(endpoint), "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return HealthCheckResult.Healthy($"silo {endpoint} ready");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Try the next silo.
            }
        }

        return HealthCheckResult.Unhealthy("no silo is ready");
    }
}
