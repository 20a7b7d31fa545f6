using Orleans.Crm.Grains;
using Orleans.Storage;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// Counts, server-side, the calls a silo's CRM grains (and the bench's floor grain) received and how they ended: the
/// old runtime exposed such counters itself, Orleans does not, so the bench's in-process silos register this filter.
/// A call "hit a conflict" when it ended in <see cref="InconsistentStateException"/> (its write lost an ETag check:
/// another activation wrote the same row first); a rule's refusal (<see cref="CrmException"/>) is an answer, not a
/// failure; anything else is a failure.
/// </summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private long _calls;
    private long _conflicts;
    private long _failures;

    /// <summary>Calls received.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls that ended in a lost version check.</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Calls that ended in any other exception except a rule's refusal.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The counters now.</summary>
    public CallCounts Snapshot() => new(Calls, Conflicts, Failures);

    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Orleans's own system grains (management, reminders' table, …) are not the subject.
        if (context.InterfaceMethod?.DeclaringType?.Namespace?.StartsWith("Orleans.Crm", StringComparison.Ordinal) != true)
        {
            await context.Invoke();
            return;
        }

        Interlocked.Increment(ref _calls);
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (IsConflict(e))
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }
        catch (Exception e) when (e is not CrmException)
        {
            Interlocked.Increment(ref _failures);
            throw;
        }
    }

    /// <summary>True for a lost ETag check, also when wrapped.</summary>
    public static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is InconsistentStateException)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Call counters of one or more silos.</summary>
public readonly record struct CallCounts(long Calls, long Conflicts, long Failures)
{
    /// <summary>The counters accumulated between two snapshots.</summary>
    public static CallCounts operator -(CallCounts after, CallCounts before) =>
        new(after.Calls - before.Calls, after.Conflicts - before.Conflicts, after.Failures - before.Failures);

    /// <summary>The sum of two silos' counters.</summary>
    public static CallCounts operator +(CallCounts a, CallCounts b) => new(a.Calls + b.Calls, a.Conflicts + b.Conflicts, a.Failures + b.Failures);
}
