using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>A silo is ready when it is not draining, is an active member of the cluster, and its database answers.</summary>
internal sealed class SiloReadinessCheck(SiloReadiness readiness, ISiloStatusOracle membership, IOptions<StorageOptions> storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (readiness.IsDraining)
        {
            return HealthCheckResult.Unhealthy("draining");
        }

        if (membership.CurrentStatus != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"silo is {membership.CurrentStatus}");
        }

        return await DatabasePing.CheckAsync(storage.Value, cancellationToken) ?? HealthCheckResult.Healthy("active");
    }
}
