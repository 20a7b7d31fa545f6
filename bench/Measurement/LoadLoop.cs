using System.Diagnostics;

namespace Orleans.Crm.Bench.Measurement;

/// <summary>Closed-loop load: <c>workers</c> callers, each running its step back to back until the duration is over.</summary>
public static class LoadLoop
{
    /// <summary>Runs <paramref name="step"/> (given the worker index) on every worker for <paramref name="duration"/>; returns the elapsed time.</summary>
    public static async Task<TimeSpan> RunAsync(int workers, TimeSpan duration, Func<int, CancellationToken, Task> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        using var stop = new CancellationTokenSource(duration);
        var started = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await step(worker, stop.Token);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        return Stopwatch.GetElapsedTime(started);
    }
}
