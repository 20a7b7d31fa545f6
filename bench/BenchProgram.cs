using System.CommandLine;
using System.Diagnostics;
using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Reporting;
using Orleans.Crm.Bench.Scenarios;

namespace Orleans.Crm.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench -- --all</c>: starts a throwaway durable PostgreSQL, runs the scenarios of
/// issue 6 against it (and against silo/gateway processes it starts), prints a table and writes a Markdown report.
/// </summary>
public static class BenchProgram
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var all = new Option<bool>("--all") { Description = "Run every scenario: " + string.Join(", ", BenchOptions.AllScenarios) };
        var scenario = new Option<string[]>("--scenario", "-s")
        {
            Description = "Run these scenarios (repeatable): " + string.Join(", ", BenchOptions.AllScenarios) + ". The floor always runs.",
            AllowMultipleArgumentsPerToken = true,
        };
        scenario.AcceptOnlyFromAmong([.. BenchOptions.AllScenarios]);
        var quick = new Option<bool>("--quick") { Description = "A few seconds per scenario: a smoke check, not a result" };
        var duration = new Option<int?>("--duration") { Description = "Seconds of measured load per throughput run (default 20, quick 4)" };
        var subscribers = new Option<int?>("--subscribers") { Description = "SignalR subscribers in the fan-out scenario (default 1000, quick 200)" };
        var workers = new Option<int?>("--workers") { Description = "Concurrent callers in the dispatch scenario (default 40: 2 per store)" };
        var noProfile = new Option<bool>("--no-profile") { Description = "Skip the dotnet-trace profile of the gateway" };
        var output = new Option<string?>("--output") { Description = "Directory of the Markdown report (default bench/results)" };

        var root = new RootCommand("Orleans.Crm benchmarks (issue 6): claim races, dispatch throughput, board fan-out, hot store, memory — each against a PostgreSQL floor measured in the same run.")
        {
            all, scenario, quick, duration, subscribers, workers, noProfile, output,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(all) ? [.. BenchOptions.AllScenarios] : (parse.GetValue(scenario) ?? []).ToHashSet(StringComparer.Ordinal);
            if (chosen.Count == 0)
            {
                await Console.Error.WriteLineAsync("Nothing to run: pass --all or --scenario <name> (see --help).");
                return 2;
            }

            chosen.Add("floor");
            var isQuick = parse.GetValue(quick);
            var options = new BenchOptions
            {
                Scenarios = BenchOptions.AllScenarios.Where(chosen.Contains).ToHashSet(StringComparer.Ordinal),
                Quick = isQuick,
                LoadDuration = TimeSpan.FromSeconds(parse.GetValue(duration) ?? (isQuick ? 4 : 20)),
                FloorDuration = TimeSpan.FromSeconds(isQuick ? 2 : 8),
                ClaimRounds = isQuick ? 5 : 40,
                DepositRounds = isQuick ? 5 : 30,
                Subscribers = parse.GetValue(subscribers) ?? (isQuick ? 200 : 1000),
                DispatchWorkers = parse.GetValue(workers) ?? 40,
                HotStoreWorkers = 16,
                Profile = !parse.GetValue(noProfile) && !isQuick,
                ResultsDirectory = parse.GetValue(output) ?? DefaultResultsDirectory(),
            };
            return await RunAsync(options, string.Join(' ', ["dotnet run -c Release --project bench --", .. args]));
        });
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> RunAsync(BenchOptions options, string commandLine)
    {
        var started = Stopwatch.GetTimestamp();
        var report = new BenchReport();
        Console.WriteLine($"Starting a throwaway PostgreSQL (durable: {string.Join(", ", PostgresCluster.Settings.Take(3))}) …");
        await using var cluster = await PostgresCluster.StartAsync();
        var version = await cluster.VersionAsync();
        var context = new BenchContext(options, cluster, report);

        await Step("1 floor", () => FloorScenario.RunAsync(context));

        var wantsCohosted = options.Runs("claim-race") || options.Runs("dispatch") || options.Runs("fan-out") || options.Runs("memory");
        if (wantsCohosted)
        {
            var database = await cluster.CreateDatabaseAsync("bench_cohosted");
            Console.WriteLine("Starting a co-hosted gateway (gateway + silo in one process) …");
            await using var cohosted = await Topology.StartCohostedAsync(database);
            if (options.Runs("claim-race"))
            {
                await Step("2 claim race (co-hosted)", () => ClaimRaceScenario.RunAsync(context, cohosted));
            }

            if (options.Runs("dispatch") || options.Runs("fan-out") || options.Runs("memory"))
            {
                // Scenario 4 runs while scenario 3 runs: the subscribers watch the stores the rush is hitting.
                var subscribers = options.Runs("fan-out") || options.Runs("memory") ? options.Subscribers : 0;
                await Step("3 dispatch (co-hosted)" + (subscribers > 0 ? " + 4 fan-out" : ""), () =>
                    DispatchScenario.RunAsync(context, cohosted, "ds", subscribers, unloadedSpans: true, options.Profile));
            }
        }

        if (options.Runs("dispatch") || options.Runs("claim-race"))
        {
            var database = await cluster.CreateDatabaseAsync("bench_split");
            Console.WriteLine("Starting split mode: 2 silo processes + 1 gateway calling them over HTTP …");
            await using var split = await Topology.StartSplitAsync(database, 2);
            if (options.Runs("dispatch"))
            {
                await Step("3 dispatch (split)", () => DispatchScenario.RunAsync(context, split, "dx", 0, unloadedSpans: true, profile: false));
            }

            if (options.Runs("claim-race"))
            {
                await Step("2 claim race (split)", () => ClaimRaceScenario.RunAsync(context, split));
            }
        }

        if (options.Runs("hot-store") || options.Runs("memory"))
        {
            string? hotDatabase = null;
            await Step("5 hot store", async () => hotDatabase = await HotStoreScenario.RunAsync(context));
            if (options.Runs("memory") && hotDatabase is not null)
            {
                await Step("6 memory (grains)", () => MemoryScenario.RunAsync(context, hotDatabase));
            }
        }

        var total = Stopwatch.GetElapsedTime(started);
        Console.WriteLine();
        Console.WriteLine(TablePrinter.Text(report.Rows));
        var path = MarkdownReport.Write(options.ResultsDirectory, options, report, MachineInfo.Describe(cluster.DataDirectory), version, total, commandLine);
        Console.WriteLine($"Report: {path}");
        Console.WriteLine($"Total: {total.TotalMinutes:0.0} min");
        return 0;

        async Task Step(string name, Func<Task> run)
        {
            Console.WriteLine($"== {name}");
            var stepStarted = Stopwatch.GetTimestamp();
            try
            {
                await run();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One scenario failing must not hide the others' results; the table shows the failure.
                report.Add(new ResultRow(name, "FAILED", e.GetType().Name + ": " + e.Message.Split('\n')[0], Met: false));
                report.Note(name, "Failed:\n\n```\n" + e + "\n```");
            }

            Console.WriteLine($"   ({Stopwatch.GetElapsedTime(stepStarted).TotalSeconds:0} s)");
        }
    }

    private static string DefaultResultsDirectory()
    {
        // bench/results of the repository the bench was built from (the output is under --artifacts-path or bench/bin).
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "bench", "Bench.csproj")))
            {
                return Path.Combine(directory.FullName, "bench", "results");
            }

            if (File.Exists(Path.Combine(directory.FullName, "Bench.csproj")))
            {
                return Path.Combine(directory.FullName, "results");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "bench-results");
    }
}
