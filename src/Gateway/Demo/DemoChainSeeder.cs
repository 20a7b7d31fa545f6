
namespace Orleans.Crm.Gateway.Demo;

/// <summary>Runs <see cref="DemoChain.SeedAsync"/> once the host has started (the silo must be taking calls).</summary>
internal sealed partial class DemoChainSeeder(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<DemoChainSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        try
        {
            await DemoChain.SeedAsync(grains, stoppingToken).ConfigureAwait(false);
            LogSeeded(DemoChain.Stores.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The demo is a convenience: a failed seed must not take the gateway down.
            LogSeedFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo chain seeded: {Count} stores")]
    private partial void LogSeeded(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding the demo chain failed")]
    private partial void LogSeedFailed(Exception exception);
}
