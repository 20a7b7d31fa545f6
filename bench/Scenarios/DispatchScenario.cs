using System.Globalization;
using System.Net;
using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Measurement;
using Orleans.Crm.Bench.Reporting;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>
/// Scenario 3 (and 4 when subscribers are attached): a Saturday rush over 20 stores. Each caller loops
/// register visit → dispatch by the rules → close as lost (which frees the designer's slot again), closed-loop at
/// a fixed concurrency, through the HTTP API with PostgreSQL storage. Reports acknowledged commands per second
/// against the floor's UPDATE throughput, p50/p99 per operation, CPU per process group, and what PostgreSQL executed
/// per acknowledged command.
/// </summary>
public static class DispatchScenario
{
    private const int Stores = 20;

    /// <summary>Runs the rush on <paramref name="topology"/>; with <paramref name="subscribers"/> &gt; 0, also scenario 4.</summary>
    public static async Task RunAsync(BenchContext context, Topology topology, string prefix, int subscribers, bool profile)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(topology);
        var api = topology.Api;
        var label = $"3 dispatch ({topology.Name})";
        var hq = await api.TokenAsync("hq");
        var stores = Fixtures.StoreIds(prefix, Stores);
        await Task.WhenAll(stores.Select(s => api.PutAsync($"api/stores/{s}", hq, Fixtures.StoreSetup(s, 3, 4))
            .ContinueWith(t => t.Result.EnsureOk($"PUT store {s}"), TaskScheduler.Default)));

        // The HTTP floor: a loopback request that does no work (health/live touches neither grains nor the database).
        var noop = new LatencyRecorder();
        for (var i = 0; i < 300; i++)
        {
            var live = await api.GetAsync("health/live", hq);
            if (i >= 50)
            {
                noop.Add(live.Milliseconds);
            }
        }

        context.Report.Add(new ResultRow(label, "unloaded HTTP no-op (GET /health/live) p50 / p99", Format.P50P99(noop.P50, noop.P99),
            noop.P50 / context.Floor.UpdateP50, "floor p50"));

        // One caller, nothing else running: the per-operation cost of HTTP + gateway + engine + rules + write, for the breakdown.
        var quiet = new DispatchStats();
        await LoadLoop.RunAsync(1, TimeSpan.FromSeconds(1), (_, stop) => CycleAsync(api, hq, stores[0], quiet, measure: false, stop));
        await LoadLoop.RunAsync(1, TimeSpan.FromSeconds(context.Options.Quick ? 2 : 5), (_, stop) => CycleAsync(api, hq, stores[0], quiet, measure: true, stop));
        context.Report.Add(new ResultRow(label, "unloaded (1 caller) visit / dispatch / close p50",
            $"{Format.Ms(quiet.Visits.P50)} / {Format.Ms(quiet.Dispatches.P50)} / {Format.Ms(quiet.Closes.P50)}",
            quiet.Dispatches.P50 / context.Floor.UpdateP50, "floor p50 (dispatch)"));
        context.Report.Add(new ResultRow(label, "unloaded dispatch p50 against the grain-write floor", Format.Ms(quiet.Dispatches.P50),
            quiet.Dispatches.P50 / context.GrainFloor.WriteP50, "grain-write p50"));
        context.Report.Step($"dispatch via HTTP ({topology.Name}, 1 caller)", quiet.Dispatches.P50,
            topology.Silos.Count == 0 ? "+ HTTP, JWT, the gateway's retry pipeline; the silo is in the gateway's process" : "+ HTTP, JWT, the gateway's retry pipeline, the gateway → silo hop (Orleans client), and grains spread over two silo processes "
                + "(store → customer calls and new activations' directory registrations may cross processes)",
            over: "store dispatch via Orleans client");

        await using var board = subscribers > 0 ? await FanOutBoard.ConnectAsync(topology, stores, subscribers) : null;
        if (board is not null)
        {
            var perThousand = (board.ResidentAfter - board.ResidentBefore) * 1000.0 / board.Count;
            context.Report.Add(new ResultRow("6 memory", $"gateway RSS per 1,000 SignalR connections ({board.Count} subscribed)", Format.MiB(perThousand)));
            context.Report.Note("6 memory",
                $"Gateway VmRSS {Format.MiB(board.ResidentBefore)} before and {Format.MiB(board.ResidentAfter)} after {board.Count} connections, each subscribed to a "
                + $"store board (snapshot sent); connecting took {board.ConnectTime.TotalSeconds:0.0} s at 16 at a time. "
                + (board.Collected
                    ? "A full GC was forced in the gateway (through its diagnostics socket) before each sample, so garbage is not counted; RSS still moves in "
                        + "whole pages and keeps memory the GC has not given back to the OS."
                    : "No GC could be forced in the gateway (its diagnostics socket was not reachable), so garbage collected or not between the samples "
                        + "moves the figure either way."));
        }

        var workers = context.Options.DispatchWorkers;
        var stats = new DispatchStats();

        // Warm-up: JIT, connection pools, activations; not counted.
        await LoadLoop.RunAsync(workers, TimeSpan.FromSeconds(context.Options.Quick ? 1 : 3), (w, stop) => CycleAsync(api, hq, stores[w % Stores], stats, measure: false, stop));
        await StatementStats.ResetAsync(topology.ConnectionString);
        board?.StartMeasuring();

        Task<string?>? trace = null;
        var tool = profile ? TraceProfiler.Find() : null;
        if (tool is not null)
        {
            var span = TimeSpan.FromSeconds(Math.Max(2, Math.Min(10, context.Options.LoadDuration.TotalSeconds - 4)));
            var output = Path.Combine(Path.GetTempPath(), $"crm-bench-gateway-{Environment.ProcessId}.nettrace");
            trace = Task.Run(async () =>
            {
                await Task.Delay(2000);
                return await TraceProfiler.CollectAsync(tool, topology.Gateway.ProcessId, span, output);
            });
        }

        var cpu = new CpuSampler(
        [
            ("gateway", () => [topology.Gateway.ProcessId]),
            .. topology.Silos.Select((s, i) => ($"silo {i + 1}", (Func<IEnumerable<int>>)(() => [s.ProcessId]))),
            ("PostgreSQL", CpuSampler.PostgresOf(context.Cluster.DataDirectory)),
            ("bench (load + subscribers)", () => [Environment.ProcessId]),
        ]);
        cpu.Start();
        var elapsed = await LoadLoop.RunAsync(workers, context.Options.LoadDuration, (w, stop) => CycleAsync(api, hq, stores[w % Stores], stats, measure: true, stop));
        var (cores, boxCores) = cpu.Stop();
        var statements = await StatementStats.ReadAsync(topology.ConnectionString);
        var acknowledged = stats.Acknowledged;
        var perSecond = acknowledged / elapsed.TotalSeconds;
        var ratio = perSecond / context.Floor.UpdatesPerSecond;
        context.Report.Add(new ResultRow(label, $"acknowledged commands/s ({workers} callers, {Stores} stores{(board is null ? "" : $", {board.Count} subscribers")})",
            Format.PerSecond(perSecond), ratio, "floor throughput", "≥ 30 % of floor", ratio >= 0.30));
        context.Report.Add(new ResultRow(label, "acknowledged commands/s against the grain-write floor", Format.PerSecond(perSecond),
            perSecond / context.GrainFloor.WritesPerSecond, "grain-write throughput"));
        context.Report.Add(new ResultRow(label, "visit p50 / p99", Format.P50P99(stats.Visits.P50, stats.Visits.P99)));
        context.Report.Add(new ResultRow(label, "dispatch p50 / p99", Format.P50P99(stats.Dispatches.P50, stats.Dispatches.P99)));
        context.Report.Add(new ResultRow(label, "close p50 / p99", Format.P50P99(stats.Closes.P50, stats.Closes.P99)));
        var cpuPerCommand = Cpu.Report(context, label, cores, boxCores, elapsed, acknowledged, "acknowledged command");
        context.Report.Add(new ResultRow(label, "PostgreSQL statements per acknowledged command: all / own round trips / WriteToStorage / ReadFromStorage",
            $"{Per(statements.Statements, acknowledged)} / {Per(statements.RoundTrips, acknowledged)} / {Per(statements.Calls("WriteToStorage"), acknowledged)} / {Per(statements.Calls("ReadFromStorage"), acknowledged)}"));
        context.Report.Add(new ResultRow(label, "grain writes that lost a version check (WriteToStorage returned no row)",
            $"{Format.Percent(statements.Calls("WriteToStorage") == 0 ? 0 : statements.LostWrites / (double)statements.Calls("WriteToStorage"))} ({statements.LostWrites} of {statements.Calls("WriteToStorage")})",
            Was: "PostgreSQL transactions rolled back (lost version checks; of all transactions incl. single-statement reads)"));
        context.Report.Step($"dispatch via HTTP under load ({topology.Name}, {workers} callers{(board is null ? "" : $", {board.Count} subscribers")})", stats.Dispatches.P50,
            "+ queueing: every store's turns serialise in its one activation, and the box's 2 cores are shared by everything",
            over: $"dispatch via HTTP ({topology.Name}, 1 caller)");
        context.Report.Cost(new CommandCost($"dispatch rush, HTTP, {topology.Name}", acknowledged, statements, cpuPerCommand, elapsed.TotalSeconds));
        context.Report.Note(label,
            $"{elapsed.TotalSeconds:0.0} s measured after a warm-up; answers: {stats.Summary()}. "
            + $"PostgreSQL executed {statements.Statements} statements ({Per(statements.Statements, acknowledged)} per acknowledged command; "
            + $"{Per(statements.RoundTrips, acknowledged)} with a round trip of their own — `DISCARD ALL` rides in front of the next statement on a connection "
            + $"Npgsql takes from its pool) using {statements.TotalMs / 1000.0:0.0} s of server execution time and {statements.PlanMs / 1000.0:0.0} s of planning "
            + $"({statements.TotalMs / Math.Max(1, elapsed.TotalMilliseconds):0.00} busy backends on average). Top statements by total time "
            + "(pg_stat_statements; bold names are the Orleans query keys of the project's scripts; each statement is its own transaction, and the "
            + $"execution time leaves out its commit's WAL flush; a ReadFromStorage of a grain that has no row yet returns 0 rows):\n\n{statements.Table(12, acknowledged)}");

        if (board is not null)
        {
            var fan = await board.FinishAsync(api, hq, TimeSpan.FromSeconds(context.Options.Quick ? 10 : 20));
            var fanLabel = $"4 fan-out ({topology.Name})";
            context.Report.Add(new ResultRow(fanLabel, $"commit-to-client p50 / p99 ({board.Count} subscribers, {Stores} stores)",
                Format.P50P99(fan.Latencies.P50, fan.Latencies.P99), fan.Latencies.P99 / context.Floor.NotifyP99, "NOTIFY RTT p99",
                "p99 ≤ 100 ms", fan.Latencies.P99 <= 100));
            context.Report.Add(new ResultRow(fanLabel, "commit-to-client p50 as a multiple of NOTIFY RTT p50", Format.Ms(fan.Latencies.P50),
                fan.Latencies.P50 / context.Floor.NotifyP50, "NOTIFY RTT p50"));
            context.Report.Add(new ResultRow(fanLabel, "gaps / duplicates / not caught up / disconnected",
                $"{fan.Gaps} / {fan.Duplicates} / {fan.NotCaughtUp} / {fan.Disconnected}", Target: "0 / 0 / 0 / 0",
                Met: fan.Gaps == 0 && fan.Duplicates == 0 && fan.NotCaughtUp == 0 && fan.Disconnected == 0));
            context.Report.Add(new ResultRow(fanLabel, "board events delivered (all subscribers)", Format.Count(fan.Events)));
            context.Report.Step($"board event to a wall screen ({board.Count} subscribers, under the rush)", fan.Latencies.P50,
                "decision in the store grain → its write → one-way observer call to the gateway → SignalR to every screen of the store", over: "grain-write floor");
            context.Report.Note(fanLabel,
                $"{fan.Latencies.Count} latency samples (events decided during the measured window), max {Format.Ms(fan.Latencies.Max)}; the last subscriber "
                + $"caught up {fan.DrainTime.TotalSeconds:0.0} s after the load stopped (caught up = its last sequence reached the store's `sequence` from "
                + $"`GET /api/stores/{{id}}/board`).{(fan.FirstError is null ? "" : $" First connection error: {fan.FirstError}.")} "
                + "`at` is the store grain's clock when it decided the change, before its write, so the figure includes the write and slightly "
                + "over-states commit-to-client. The receiving clients run in the bench process on the same 2 cores."
                + (board.Count < 1000 ? $" Only {board.Count} subscribers (--quick or --subscribers): the target is about 1,000, so this verdict says little." : ""));
        }

        if (trace is not null && await trace is { } profileText)
        {
            context.Report.Note(label, "CPU/wall profile of the gateway process during the run (`dotnet-trace collect --profile dotnet-sampled-thread-time`, "
                + "then `dotnet-trace report topN`; thread time, so waiting threads show up too):\n\n```\n" + profileText.Trim() + "\n```");
        }
        else if (profile)
        {
            context.Report.Note(label, "No profile: dotnet-trace was not found (`dotnet tool install -g dotnet-trace`, or set CRM_BENCH_DOTNET_TRACE).");
        }

        context.Report.AddStates($"{topology.Name} database after the rush", await StateCosts.TableAsync(topology.ConnectionString));
    }

    private static string Per(long count, long per) => (per == 0 ? 0 : count / (double)per).ToString("0.0", CultureInfo.InvariantCulture);

    private static async Task CycleAsync(CrmApi api, string token, string storeId, DispatchStats stats, bool measure, CancellationToken stop)
    {
        var visit = await api.PostAsync($"api/stores/{storeId}/visits", token, new { commandId = Fixtures.CommandId(), name = "到店客户", phone = Fixtures.Phone(), channel = "walkIn" });
        Record(stats, "visit", visit, stats.Visits, measure);
        if (!visit.Ok || stop.IsCancellationRequested)
        {
            return;
        }

        var leadId = visit.Get("leadId")!;
        var dispatch = await api.PostAsync($"api/leads/{leadId}/dispatch", token, new { commandId = Fixtures.CommandId() });
        Record(stats, "dispatch", dispatch, stats.Dispatches, measure);

        // Close even a queued lead: the store's queue must not grow without bound during the run.
        var close = await api.PostAsync($"api/leads/{leadId}/close", token, new { commandId = Fixtures.CommandId(), outcome = "lost", reason = "other", analysis = "bench" });
        Record(stats, "close", close, stats.Closes, measure);
    }

    private static void Record(DispatchStats stats, string operation, ApiResponse response, LatencyRecorder recorder, bool measure)
    {
        if (!measure)
        {
            return;
        }

        stats.Count(operation, response.Status);
        if (response.Ok)
        {
            recorder.Add(response.Milliseconds);
        }
        else if (response.Status == HttpStatusCode.Conflict && operation == "dispatch")
        {
            // A queued lead is an acknowledged decision too (409 by contract), and it took the same work.
            recorder.Add(response.Milliseconds);
        }
    }
}
