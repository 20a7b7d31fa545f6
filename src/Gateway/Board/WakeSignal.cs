namespace Orleans.Crm.Gateway.Board;

/// <summary>An auto-reset wake-up: any number of <see cref="Set"/> calls before a wait wake it once.</summary>
internal sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set: one pending wake-up covers every commit before it.
        }
        catch (ObjectDisposedException)
        {
            // The reader is gone.
        }
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
