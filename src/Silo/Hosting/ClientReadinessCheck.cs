using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>A split-mode gateway is ready when it is not draining, its database answers and the cluster has an active silo.</summary>
internal sealed class ClientReadinessCheck(SiloReadiness readiness, IClusterClient client, IOptions<StorageOptions> storage) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (readiness.IsDraining)
        {
            return HealthCheckResult.Unhealthy("draining");
        }

        if (await DatabasePing.CheckAsync(storage.Value, cancellationToken) is { } unreachable)
        {
            return unreachable;
        }

        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
            return hosts.Count > 0 ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)") : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("no silo answers", e);
        }
    }
}
