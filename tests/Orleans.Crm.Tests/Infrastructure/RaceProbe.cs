namespace Orleans.Crm.Tests.Infrastructure;

/// <summary>
/// Releases many calls at once and records how many were in flight together: the evidence that a race test really
/// raced (on Orleans a grain still takes them one at a time; the race is at its door, from several silos).
/// </summary>
public sealed class RaceProbe
{
    private readonly TaskCompletionSource _start = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The most calls that were waiting for an answer at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Queues <paramref name="call"/> to start when <see cref="Go"/> is called.</summary>
    public Task<T> Enlist<T>(Func<Task<T>> call) => Task.Run(async () =>
    {
        await _start.Task;
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            return await call();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    });

    /// <summary>Starts every enlisted call at once.</summary>
    public void Go() => _start.TrySetResult();
}
