using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Measurement;
using Orleans.Crm.Bench.Reporting;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>
/// Scenario 5: all traffic on one store (one contended grain set), with the grain runtime hosted in the bench so its
/// own counters can be read: <c>RuntimeStatistics.Conflicts / Calls</c> is the share of calls whose commit lost a
/// version check and was re-run. Run with one silo (the store's turns serialise in one activation) and with two silos
/// on the same database, callers alternating between them (as split mode's round-robin does) — there the two
/// activations of the store race in PostgreSQL. Also measures the in-process cost of one operation with one caller,
/// the middle of the HTTP → runtime → SQL breakdown.
/// </summary>
public static class HotStoreScenario
{
    private const string Name = "5 hot store";

    /// <summary>Lead and customer ids created, for the memory scenario.</summary>
    public static ConcurrentBag<(string LeadId, string CustomerId)> Created { get; } = [];

    /// <summary>Runs the scenario on a fresh database; returns its connection string.</summary>
    public static async Task<string> RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connectionString = await context.Cluster.CreateDatabaseAsync("bench_hot");
        await using var first = await InProcessSilo.StartAsync(connectionString, "bench-a");
        await using var second = await InProcessSilo.StartAsync(connectionString, "bench-b");
        await first.Grains.GetGrain<IStoreGrain>("hot").ConfigureAsync(Setup("hot"));
        await first.Grains.GetGrain<IStoreGrain>("quiet").ConfigureAsync(Setup("quiet"));

        // The in-process cost of each operation, one caller, on a store nobody else touches.
        var quiet = await RunLoadAsync([first], "quiet", 1, TimeSpan.FromSeconds(context.Options.Quick ? 2 : 5), warmUp: TimeSpan.FromSeconds(1));
        context.Report.Add(new ResultRow(Name, "in-process (no HTTP), 1 caller: visit / dispatch / close p50",
            $"{Format.Ms(quiet.Visits.P50)} / {Format.Ms(quiet.Dispatches.P50)} / {Format.Ms(quiet.Closes.P50)}",
            quiet.Dispatches.P50 / context.Floor.UpdateP50, "floor p50 (dispatch)"));

        var workers = context.Options.HotStoreWorkers;
        foreach (var silos in new[] { new[] { first }, new[] { first, second } })
        {
            var result = await RunLoadAsync(silos, "hot", workers, context.Options.LoadDuration, warmUp: TimeSpan.FromSeconds(context.Options.Quick ? 1 : 2));
            var label = silos.Length == 1 ? "1 silo" : $"{silos.Length} silos, same DB";
            var perSecond = result.Operations / result.Elapsed.TotalSeconds;
            context.Report.Add(new ResultRow(Name, $"{label}: commands/s ({workers} callers, one store)", Format.PerSecond(perSecond),
                perSecond / context.Floor.UpdatesPerSecond, "floor throughput"));
            context.Report.Add(new ResultRow(Name, $"{label}: share of calls that hit a version conflict",
                $"{Format.Percent(result.Calls == 0 ? 0 : result.Conflicts / (double)result.Calls)} ({result.Conflicts} of {result.Calls} grain calls)"));
            context.Report.Add(new ResultRow(Name, $"{label}: visit / dispatch / close p50",
                $"{Format.Ms(result.Visits.P50)} / {Format.Ms(result.Dispatches.P50)} / {Format.Ms(result.Closes.P50)}"));
            context.Report.Add(new ResultRow(Name, $"{label}: visit / dispatch / close p99",
                $"{Format.Ms(result.Visits.P99)} / {Format.Ms(result.Dispatches.P99)} / {Format.Ms(result.Closes.P99)}"));
            context.Report.Note(Name,
                $"{label}: {result.Operations} acknowledged commands in {result.Elapsed.TotalSeconds:0.0} s, {result.Failures} failed"
                + $"{(result.FirstFailure is null ? "" : $" (first: {result.FirstFailure})")}; runtime counters over the measured window: "
                + $"{result.Calls} grain calls (a command is 1 call plus its grain-to-grain calls), {result.Commits} commits, {result.Conflicts} version conflicts "
                + "(each one a rolled-back transaction and a re-run of the call), counted by `GrainRuntime.Statistics` in-process, not client-side.");
        }

        return connectionString;
    }

    // Manager and designer ids are chain-wide grain keys, so each store gets its own.
    private static StoreSetup Setup(string storeId) => new(
        $"Store {storeId}",
        [.. Enumerable.Range(1, 3).Select(g => new GroupSetup($"{storeId}-m{g}", $"经理{g}",
            [.. Enumerable.Range(1, 4).Select(d => new DesignerSetup($"{storeId}-m{g}-d{d}", $"设计师{g}-{d}", d == 1 ? DesignerLevel.Senior : DesignerLevel.Style))]))],
        [$"{storeId}-m1", $"{storeId}-m2", $"{storeId}-m3"],
        new DateOnly(2025, 1, 6),
        []);

    private static async Task<HotStoreResult> RunLoadAsync(InProcessSilo[] silos, string storeId, int workers, TimeSpan duration, TimeSpan warmUp)
    {
        var result = new HotStoreResult();
        await LoadLoop.RunAsync(workers, warmUp, (w, _) => CycleAsync(silos[w % silos.Length].Grains, storeId, null));
        long Sum(Func<Silo.Runtime.RuntimeStatistics, long> counter) => silos.Sum(s => counter(s.Runtime.Statistics));
        var (calls, commits, conflicts) = (Sum(s => s.Calls), Sum(s => s.Commits), Sum(s => s.Conflicts));
        result.Elapsed = await LoadLoop.RunAsync(workers, duration, (w, _) => CycleAsync(silos[w % silos.Length].Grains, storeId, result));
        result.Calls = Sum(s => s.Calls) - calls;
        result.Commits = Sum(s => s.Commits) - commits;
        result.Conflicts = Sum(s => s.Conflicts) - conflicts;
        return result;
    }

    private static async Task CycleAsync(IGrainFactory grains, string storeId, HotStoreResult? result)
    {
        var store = grains.GetGrain<IStoreGrain>(storeId);
        try
        {
            var started = Stopwatch.GetTimestamp();
            VisitRegistered visit;
            using (RequestContext.WithCommandId(Fixtures.CommandId()))
            {
                visit = await store.RegisterVisitAsync(new RegisterVisit("到店客户", Fixtures.Phone(), VisitChannel.WalkIn));
            }

            result?.Visits.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Created.Add((visit.LeadId, visit.CustomerId));
            started = Stopwatch.GetTimestamp();
            using (RequestContext.WithCommandId(Fixtures.CommandId()))
            {
                await store.DispatchAsync(new DispatchCommand(visit.LeadId, visit.ManagerId ?? $"{storeId}-m1"));
            }

            result?.Dispatches.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            using (RequestContext.WithCommandId(Fixtures.CommandId()))
            {
                await store.CloseLeadAsync(visit.LeadId, LeadOutcome.Lost, null);
            }

            result?.Closes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (result is not null)
            {
                Interlocked.Add(ref result.OperationCount, 3);
            }
        }
        catch (Exception e) when (e is CrmException or GrainConflictException or TimeoutException)
        {
            if (result is not null)
            {
                Interlocked.Increment(ref result.FailureCount);
                result.FirstFailure ??= $"{e.GetType().Name}: {e.Message}";
            }
        }
    }

    private sealed class HotStoreResult
    {
        public long OperationCount;
        public long FailureCount;

        public LatencyRecorder Visits { get; } = new();

        public LatencyRecorder Dispatches { get; } = new();

        public LatencyRecorder Closes { get; } = new();

        public long Operations => Interlocked.Read(ref OperationCount);

        public long Failures => Interlocked.Read(ref FailureCount);

        public string? FirstFailure { get; set; }

        public TimeSpan Elapsed { get; set; }

        public long Calls { get; set; }

        public long Commits { get; set; }

        public long Conflicts { get; set; }
    }
}
