using System.Globalization;
using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Measurement;
using Orleans.Crm.Bench.Reporting;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>
/// Scenarios 2 and 3 without HTTP, in the grain-write floor's cluster and through the same Orleans client: the pool
/// grain's claim race (<c>ILeadPoolGrain.ClaimAsync</c>, 64 managers at once) and the store grain's visit → dispatch →
/// close, unloaded and as a rush. Set against the grain-write floor they show what the rules add to one grain write;
/// set against the HTTP runs, what HTTP and the gateway add.
/// </summary>
public static class EngineScenario
{
    private const string Topology = "Orleans client, 1 silo";
    private const int Stores = 20;

    /// <summary>The claim race through the Orleans client.</summary>
    public static async Task ClaimRaceAsync(BenchContext context, EngineCluster engine)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        var client = engine.Client;
        var label = $"2 claim race ({Topology})";
        var stores = Fixtures.StoreIds("ecr", ClaimRaceScenario.ClaimStores);
        await Task.WhenAll(stores.Select(s => client.GetGrain<IStoreGrain>(s).ConfigureAsync(Fixtures.Setup(s, ClaimRaceScenario.ManagersPerStore, 1))));
        var managers = stores
            .SelectMany(s => Enumerable.Range(1, ClaimRaceScenario.ManagersPerStore).Select(g => (StoreId: s, ManagerId: Fixtures.ManagerId(s, g))))
            .ToList();
        var pool = client.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var claims = new RaceResult();
        for (var round = -ClaimRaceScenario.WarmUpRounds; round < context.Options.ClaimRounds; round++)
        {
            if (round == 0)
            {
                await StatementStats.ResetAsync(engine.ConnectionString);
            }

            var posted = await pool.PostAsync(new PostPoolLead("公海客户", Fixtures.Phone(), VisitChannel.Phone), Fixtures.CommandId());
            await Race.RunAsync(round >= 0 ? claims : new RaceResult(), [.. managers.Select(m => (Func<Task<RaceAnswer>>)(() => Race.TimeAsync(
                () => pool.ClaimAsync(posted.LeadId, m.ManagerId, m.StoreId, Fixtures.CommandId()),
                outcome => outcome.Claimed ? RaceOutcome.Won : outcome.Refusal == "already_claimed" ? RaceOutcome.Refused : RaceOutcome.Limited)))]);
        }

        // Let the one-way hand-offs to the stores land inside the window they belong to.
        await Task.Delay(500);
        var statements = await StatementStats.ReadAsync(engine.ConnectionString);
        ClaimRaceScenario.ReportClaims(context, label, claims, "Orleans client → pool grain (reads the customer grain, writes once when won); no HTTP");
        var rounds = Math.Max(1, claims.RoundCount);
        context.Report.Add(new ResultRow(label, "PostgreSQL statements per round (post + 64 claims + hand-off to the store)",
            $"{Per(statements.Statements, rounds)} ({Per(statements.Calls("WriteToStorage"), rounds)} WriteToStorage, {Per(statements.Calls("ReadFromStorage"), rounds)} ReadFromStorage)"));
        context.Report.Step("claim winner via Orleans client (64 at once)", claims.Winners.P50, "queued behind the other claims of the round in the one pool activation; the winner's turn reads the customer and writes the pool state", over: "grain-write floor");
        context.Report.Cost(new CommandCost("claim race rounds (Orleans client)", claims.RoundCount, statements, null, 0));
        context.Report.Note(label, $"Statements over the measured rounds (per round):\n\n{statements.Table(8, claims.RoundCount)}");
    }

    /// <summary>Visit → dispatch → close through the Orleans client: one caller on a quiet store, then the rush of scenario 3.</summary>
    public static async Task DispatchAsync(BenchContext context, EngineCluster engine)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        var client = engine.Client;
        var label = $"3 dispatch ({Topology})";
        var stores = Fixtures.StoreIds("ed", Stores);
        await Task.WhenAll(stores.Select(s => client.GetGrain<IStoreGrain>(s).ConfigureAsync(Fixtures.Setup(s, 3, 4))));

        // One caller, nothing else running: what one command costs in the engine and the rules, for the breakdown.
        var quiet = new DispatchStats();
        await LoadLoop.RunAsync(1, TimeSpan.FromSeconds(1), (_, _) => GrainCycle.RunAsync(client, stores[0], quiet, measure: false));
        await StatementStats.ResetAsync(engine.ConnectionString);
        var quietElapsed = await LoadLoop.RunAsync(1, TimeSpan.FromSeconds(context.Options.Quick ? 2 : 5), (_, _) => GrainCycle.RunAsync(client, stores[0], quiet, measure: true));
        var quietStatements = await StatementStats.ReadAsync(engine.ConnectionString);
        var floor = context.Floor.UpdateP50;
        var grainFloor = context.GrainFloor.WriteP50;
        context.Report.Add(new ResultRow(label, "unloaded (1 caller) visit / dispatch / close p50",
            $"{Format.Ms(quiet.Visits.P50)} / {Format.Ms(quiet.Dispatches.P50)} / {Format.Ms(quiet.Closes.P50)}",
            quiet.Dispatches.P50 / floor, "floor p50 (dispatch)"));
        context.Report.Add(new ResultRow(label, "unloaded dispatch p50 against the grain-write floor", Format.Ms(quiet.Dispatches.P50),
            quiet.Dispatches.P50 / grainFloor, "grain-write p50"));
        context.Report.Add(new ResultRow(label, "PostgreSQL statements per command, unloaded (WriteToStorage / ReadFromStorage)",
            $"{Per(quietStatements.Statements, quiet.Acknowledged)} ({Per(quietStatements.Calls("WriteToStorage"), quiet.Acknowledged)} / {Per(quietStatements.Calls("ReadFromStorage"), quiet.Acknowledged)})"));
        context.Report.Step("store dispatch via Orleans client (1 caller)", quiet.Dispatches.P50, "store turn: the dispatch rules + store state serialised and written + customer grain call and write", over: "grain-write floor");
        context.Report.Cost(new CommandCost("dispatch cycle, Orleans client, 1 caller", quiet.Acknowledged, quietStatements, null, quietElapsed.TotalSeconds));

        // The rush, as scenario 3 runs it over HTTP, but through the client: what the engine and the rules sustain.
        var workers = context.Options.DispatchWorkers;
        var stats = new DispatchStats();
        await LoadLoop.RunAsync(workers, TimeSpan.FromSeconds(context.Options.Quick ? 1 : 3), (w, _) => GrainCycle.RunAsync(client, stores[w % Stores], stats, measure: false));
        await StatementStats.ResetAsync(engine.ConnectionString);
        var cpu = GrainFloorScenario.Sampler(context);
        cpu.Start();
        var duration = TimeSpan.FromTicks(context.Options.LoadDuration.Ticks / 2);
        var elapsed = await LoadLoop.RunAsync(workers, duration, (w, _) => GrainCycle.RunAsync(client, stores[w % Stores], stats, measure: true));
        var (cores, boxCores) = cpu.Stop();
        var statements = await StatementStats.ReadAsync(engine.ConnectionString);
        var acknowledged = stats.Acknowledged;
        var perSecond = acknowledged / elapsed.TotalSeconds;
        var ratio = perSecond / context.Floor.UpdatesPerSecond;
        context.Report.Add(new ResultRow(label, $"acknowledged commands/s ({workers} callers, {Stores} stores)", Format.PerSecond(perSecond),
            ratio, "floor throughput", "≥ 30 % of floor", ratio >= 0.30));
        context.Report.Add(new ResultRow(label, "acknowledged commands/s against the grain-write floor", Format.PerSecond(perSecond),
            perSecond / context.GrainFloor.WritesPerSecond, "grain-write throughput"));
        context.Report.Add(new ResultRow(label, "visit / dispatch / close p50", $"{Format.Ms(stats.Visits.P50)} / {Format.Ms(stats.Dispatches.P50)} / {Format.Ms(stats.Closes.P50)}"));
        context.Report.Add(new ResultRow(label, "visit / dispatch / close p99", $"{Format.Ms(stats.Visits.P99)} / {Format.Ms(stats.Dispatches.P99)} / {Format.Ms(stats.Closes.P99)}"));
        var cpuPerCommand = Cpu.Report(context, label, cores, boxCores, elapsed, acknowledged, "acknowledged command");
        context.Report.Add(new ResultRow(label, "failed commands / grain writes that lost a version check",
            $"{stats.Failed()} / {statements.LostWrites}", Target: "0 / 0", Met: stats.Failed() == 0 && statements.LostWrites == 0));
        context.Report.Cost(new CommandCost($"dispatch rush, Orleans client ({workers} callers)", acknowledged, statements, cpuPerCommand, elapsed.TotalSeconds));
        context.Report.Note(label,
            $"Unloaded: {quiet.Summary()}. Rush: {elapsed.TotalSeconds:0.0} s measured (half the HTTP runs' duration) after a warm-up; answers: {stats.Summary()}"
            + $"{(stats.FirstFailure is null ? "" : $" (first failure: {stats.FirstFailure})")}. Statements in the rush, per acknowledged command:\n\n{statements.Table(8, acknowledged)}");
    }

    private static string Per(long count, long per) => (per == 0 ? 0 : count / (double)per).ToString("0.0", CultureInfo.InvariantCulture);
}
