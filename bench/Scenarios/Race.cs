using System.Diagnostics;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>How one call of a race ended.</summary>
public enum RaceOutcome
{
    /// <summary>Accepted (HTTP 200, or a grain's "claimed"/"signed").</summary>
    Won,

    /// <summary>Refused because someone else has it (HTTP 409).</summary>
    Refused,

    /// <summary>Refused at a manager's limit (HTTP 429).</summary>
    Limited,

    /// <summary>Anything else: a failure.</summary>
    Error,
}

/// <summary>One call's outcome and its latency as the caller saw it.</summary>
public readonly record struct RaceAnswer(RaceOutcome Outcome, double Milliseconds, string? Error = null);

/// <summary>Releases every call of one round at the same instant and sorts the answers into a <see cref="RaceResult"/>.</summary>
public static class Race
{
    /// <summary>Runs one round.</summary>
    public static async Task RunAsync(RaceResult result, IReadOnlyList<Func<Task<RaceAnswer>>> calls)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(calls);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = calls.Select(call => Task.Run(async () =>
        {
            await go.Task;
            return await call();
        })).ToArray();
        var started = Stopwatch.GetTimestamp();
        go.SetResult();
        var answers = await Task.WhenAll(tasks);
        result.Rounds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        result.RoundCount++;

        var winners = 0;
        foreach (var answer in answers)
        {
            switch (answer.Outcome)
            {
                case RaceOutcome.Won:
                    winners++;
                    result.Winners.Add(answer.Milliseconds);
                    break;
                case RaceOutcome.Refused:
                    result.Refusals.Add(answer.Milliseconds);
                    break;
                case RaceOutcome.Limited:
                    result.Limited++;
                    result.Refusals.Add(answer.Milliseconds);
                    break;
                default:
                    result.Errors++;
                    result.FirstError ??= answer.Error;
                    break;
            }
        }

        if (winners != 1)
        {
            result.BadRounds++;
        }
    }

    /// <summary>Times <paramref name="call"/> and classifies its answer; an exception is an <see cref="RaceOutcome.Error"/>.</summary>
    public static async Task<RaceAnswer> TimeAsync<T>(Func<Task<T>> call, Func<T, RaceOutcome> classify)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(classify);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var answer = await call();
            return new RaceAnswer(classify(answer), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new RaceAnswer(RaceOutcome.Error, Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
