using Microsoft.Extensions.Hosting;
using Orleans.Crm.Silo.Runtime;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>Starts the runtime with the host and drains it on shutdown (SIGTERM).</summary>
internal sealed class SiloHostedService(GrainRuntime runtime, SiloReadiness readiness, IHostApplicationLifetime lifetime) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Readiness goes false the moment shutdown begins, before the drain, so load balancers stop sending first.
        lifetime.ApplicationStopping.Register(readiness.MarkDraining);
        await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
