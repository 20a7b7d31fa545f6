using System.Diagnostics;
using Orleans.Crm.Bench.Measurement;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>
/// The dispatch scenario's cycle as grain calls, without HTTP: register visit → dispatch by the rules → close as lost
/// (which frees the designer's slot again), each with a fresh command id, exactly the calls the gateway makes.
/// </summary>
public static class GrainCycle
{
    /// <summary>Runs one cycle on <paramref name="storeId"/>; failures are counted, not thrown (the load goes on).</summary>
    public static async Task RunAsync(IGrainFactory grains, string storeId, DispatchStats stats, bool measure, Action<string, string>? created = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(stats);
        var store = grains.GetGrain<IStoreGrain>(storeId);
        var visit = await TimeAsync("visit", () => store.RegisterVisitAsync(new RegisterVisit("到店客户", Fixtures.Phone(), VisitChannel.WalkIn), Fixtures.CommandId()), stats, stats.Visits, measure);
        if (visit is null)
        {
            return;
        }

        created?.Invoke(visit.LeadId, visit.CustomerId);
        await TimeAsync("dispatch", () => store.DispatchAsync(new DispatchCommand(visit.LeadId, visit.ManagerId ?? Fixtures.ManagerId(storeId, 1)), Fixtures.CommandId()), stats, stats.Dispatches, measure);

        // Close even a queued lead: the store's queue must not grow without bound during the run.
        await TimeAsync("close", () => store.CloseLeadAsync(visit.LeadId, new CloseLead(LeadOutcome.Lost, "other", "went quiet"), Fixtures.CommandId()), stats, stats.Closes, measure);
    }

    private static async Task<T?> TimeAsync<T>(string operation, Func<Task<T>> call, DispatchStats stats, LatencyRecorder recorder, bool measure)
        where T : class
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            if (measure)
            {
                recorder.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                stats.Count(operation, DispatchStats.Answered, acknowledged: true);
            }

            return result;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A benchmark counts failures and goes on; the table and notes show them.
            if (measure)
            {
                stats.Fail(operation, e);
            }

            return null;
        }
    }
}
