using System.Diagnostics;

namespace Orleans.Crm.Tests.Infrastructure;

/// <summary>Waits for a condition by polling it until a deadline; the deadline is generous, the poll is short.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns the first value that satisfies <paramref name="done"/>; fails the test after the deadline.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = deadline ?? Deadline;
        T last;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                // The system is still settling (a silo gone, a gateway not known yet): keep asking.
                last = default!;
                lastError = e;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Not within {limit.TotalSeconds:0} s: {what}. Last seen: {last?.ToString() ?? "nothing"}{(lastError is null ? "" : $"; last error: {lastError.GetType().Name}: {lastError.Message}")}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test after the deadline.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null) =>
        GetAsync(condition, ok => ok, what, deadline);
}
