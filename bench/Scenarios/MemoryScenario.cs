using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Reporting;
using Orleans.Crm.Grains;
using Orleans.Runtime;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>
/// Scenario 6 (grains): resident memory per 1,000 active grains. A fresh in-process silo — a cluster of its own on the
/// engine database with the engine cluster's ServiceId, so it reads the same state rows — activates the lead and
/// customer grains the hot-store run created (real state, read from PostgreSQL), and the bench's own VmRSS and managed
/// heap are compared before and after, each after a full blocking GC. (The per-1,000 SignalR connection figure is
/// measured on the gateway process in the fan-out scenario.)
/// </summary>
public static class MemoryScenario
{
    private const string Name = "6 memory";

    /// <summary>Runs it on the engine cluster's database; the engine cluster must be stopped already.</summary>
    public static async Task RunAsync(BenchContext context, string connectionString, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var created = HotStoreScenario.Created.ToArray();
        var target = context.Options.Quick ? 1000 : 5000;
        var pairs = created.Take(target / 2).ToArray();
        if (pairs.Length == 0)
        {
            context.Report.Note(Name, "No grains to activate: the hot-store scenario created none.");
            return;
        }

        await using var silo = await InProcessSilo.StartAsync(Topology.Environment(connectionString, serviceId), "memory");
        var management = silo.Grains.GetGrain<IManagementGrain>(0);
        await silo.Grains.GetGrain<ILeadGrain>(pairs[0].LeadId).GetAsync();
        var activationsBefore = await management.GetTotalActivationCount();
        var (rssBefore, heapBefore) = Settle();

        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(pairs.Skip(1).Select(async pair =>
        {
            await gate.WaitAsync();
            try
            {
                await silo.Grains.GetGrain<ILeadGrain>(pair.LeadId).GetAsync();
                await silo.Grains.GetGrain<ICustomerGrain>(pair.CustomerId).GetAsync();
            }
            finally
            {
                gate.Release();
            }
        }));
        var (rssAfter, heapAfter) = Settle();
        var activated = Math.Max(1, await management.GetTotalActivationCount() - activationsBefore);
        context.Report.Add(new ResultRow(Name, $"RSS per 1,000 active grains ({activated} lead + customer grains)", Format.MiB((rssAfter - rssBefore) * 1000.0 / activated)));
        context.Report.Add(new ResultRow(Name, "managed heap per 1,000 active grains", Format.MiB((heapAfter - heapBefore) * 1000.0 / activated)));
        context.Report.Note(Name,
            $"In-process silo: VmRSS {Format.MiB(rssBefore)} → {Format.MiB(rssAfter)}, GC heap {Format.MiB(heapBefore)} → {Format.MiB(heapAfter)} for {activated} activations "
            + "(Orleans's count; each holds its grain object, its activation data and its deserialised state: an archived lead — empty while the store "
            + "still holds the lead — or a customer with its open leads). RSS moves in whole pages and includes native memory (Npgsql buffers, JIT), "
            + "so the managed-heap figure is the finer one.");
    }

    private static (long Rss, long Heap) Settle()
    {
        // Aggressive: also gives freed segments back to the OS, so earlier scenarios' garbage does not mask the growth.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return (ProcessMemory.OwnResidentBytes(), GC.GetTotalMemory(forceFullCollection: false));
    }
}
