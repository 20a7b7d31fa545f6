using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Crm.Silo.Runtime;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>Ready = the runtime takes calls, the process is not draining, and the storage answers.</summary>
internal sealed class SiloReadinessCheck(GrainRuntime runtime, SiloReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (readiness.IsDraining)
        {
            return HealthCheckResult.Unhealthy("draining");
        }

        if (!runtime.IsRunning)
        {
            return HealthCheckResult.Unhealthy("runtime not running");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await runtime.Storage.PingAsync(timeout.Token).ConfigureAwait(false)
                ? HealthCheckResult.Healthy($"{runtime.Storage.Name} storage reachable")
                : HealthCheckResult.Unhealthy($"{runtime.Storage.Name} storage unreachable");
        }
        catch (OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{runtime.Storage.Name} storage did not answer within 2 s");
        }
    }
}
