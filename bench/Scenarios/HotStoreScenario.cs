using System.Collections.Concurrent;
using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Measurement;
using Orleans.Crm.Bench.Reporting;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>
/// Scenario 5: all traffic on one store, 16 callers, in the engine cluster (in-process silos on one database). With one
/// silo, and then (on a fresh store) with a second silo joined to the same cluster and the callers alternating between
/// the two silos' grain factories — as two co-hosted gateways on one database call it. On Orleans both silos reach the store's one
/// activation, so its turns serialise there and no write should lose a version check; the share of calls that hit a
/// conflict is counted server-side by <see cref="GrainCallCounter"/> on every silo (calls ending in
/// InconsistentStateException) plus commands that failed at the caller for any other reason.
/// </summary>
public static class HotStoreScenario
{
    private const string Name = "5 hot store";

    /// <summary>Lead and customer ids created, for the memory scenario.</summary>
    public static ConcurrentBag<(string LeadId, string CustomerId)> Created { get; } = [];

    /// <summary>Runs the scenario on <paramref name="engine"/>; leaves a second silo running in it.</summary>
    public static async Task RunAsync(BenchContext context, EngineCluster engine)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        var workers = context.Options.HotStoreWorkers;
        foreach (var silos in new[] { 1, 2 })
        {
            if (engine.Silos.Count < silos)
            {
                await engine.AddSiloAsync();
            }

            // A fresh store per run: a store keeps its recent leads in its state, so a store the first run filled would make
            // every write of the second run larger, and the two runs incomparable.
            var storeId = $"hot-{silos}";
            await engine.Client.GetGrain<IStoreGrain>(storeId).ConfigureAsync(Fixtures.Setup(storeId, 3, 4));
            var factories = engine.Silos.Take(silos).Select(s => s.Grains).ToArray();
            var label = silos == 1 ? "1 silo" : $"{silos} silos, one cluster";
            var stats = new DispatchStats();
            await LoadLoop.RunAsync(workers, TimeSpan.FromSeconds(context.Options.Quick ? 1 : 2), (w, _) => GrainCycle.RunAsync(factories[w % factories.Length], storeId, stats, measure: false));
            var before = engine.Counts;
            await StatementStats.ResetAsync(engine.ConnectionString);
            var elapsed = await LoadLoop.RunAsync(workers, context.Options.LoadDuration, (w, _) =>
                GrainCycle.RunAsync(factories[w % factories.Length], storeId, stats, measure: true, (lead, customer) => Created.Add((lead, customer))));
            var counts = engine.Counts - before;
            var statements = await StatementStats.ReadAsync(engine.ConnectionString);

            var acknowledged = stats.Acknowledged;
            var perSecond = acknowledged / elapsed.TotalSeconds;
            var otherFailures = stats.Failed() - stats.Failed(DispatchStats.Conflict);
            var hit = counts.Conflicts + otherFailures;
            var share = counts.Calls == 0 ? 0 : hit / (double)counts.Calls;
            context.Report.Add(new ResultRow(Name, $"{label}: commands/s ({workers} callers, one store)", Format.PerSecond(perSecond),
                perSecond / context.Floor.UpdatesPerSecond, "floor throughput", Was: silos == 1 ? null : "2 silos, same DB: commands/s (16 callers, one store)"));
            context.Report.Add(new ResultRow(Name, $"{label}: share of calls that hit a conflict (or failed)",
                $"{Format.Percent(share)} ({hit} of {counts.Calls} grain calls)",
                Target: silos == 1 ? null : "≤ 1 %", Met: silos == 1 ? null : share <= 0.01,
                Was: silos == 1 ? "1 silo: share of calls that hit a version conflict" : "2 silos, same DB: share of calls that hit a version conflict"));
            context.Report.Add(new ResultRow(Name, $"{label}: visit / dispatch / close p50",
                $"{Format.Ms(stats.Visits.P50)} / {Format.Ms(stats.Dispatches.P50)} / {Format.Ms(stats.Closes.P50)}", Was: silos == 1 ? null : "2 silos, same DB: visit / dispatch / close p50"));
            context.Report.Add(new ResultRow(Name, $"{label}: visit / dispatch / close p99",
                $"{Format.Ms(stats.Visits.P99)} / {Format.Ms(stats.Dispatches.P99)} / {Format.Ms(stats.Closes.P99)}", Was: silos == 1 ? null : "2 silos, same DB: visit / dispatch / close p99"));
            context.Report.Cost(new CommandCost($"hot store, {label}", acknowledged, statements, null, elapsed.TotalSeconds));
            context.Report.Note(Name,
                $"{label}: {acknowledged} acknowledged commands in {elapsed.TotalSeconds:0.0} s; answers: {stats.Summary()}"
                + $"{(stats.FirstFailure is null ? "" : $" (first failure: {stats.FirstFailure})")}. Server-side over the measured window: {counts.Calls} calls to CRM grains "
                + $"on {silos} silo(s) (a command is 1 call plus its grain-to-grain calls), {counts.Conflicts} ended in InconsistentStateException, "
                + $"{counts.Failures} in another failure; PostgreSQL: {statements.Calls("WriteToStorage")} WriteToStorage, {statements.LostWrites} of them lost the version check.");
        }
    }
}
