using System.CommandLine;
using System.Diagnostics;
using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Reporting;
using Orleans.Crm.Bench.Scenarios;

namespace Orleans.Crm.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench -- --all</c>: starts a throwaway durable PostgreSQL, measures the two
/// baselines (a durable UPDATE; a grain write through the engine), runs the scenarios of issues 6 and 9 against an
/// in-process cluster and against silo/gateway processes, prints a table and writes a Markdown report with the previous
/// report's figures beside the new ones.
/// </summary>
public static class BenchProgram
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var all = new Option<bool>("--all") { Description = "Run every scenario: " + string.Join(", ", BenchOptions.AllScenarios) };
        var scenario = new Option<string[]>("--scenario", "-s")
        {
            Description = "Run these scenarios (repeatable): " + string.Join(", ", BenchOptions.AllScenarios) + ". The baselines (floor, grain-floor) always run.",
            AllowMultipleArgumentsPerToken = true,
        };
        scenario.AcceptOnlyFromAmong([.. BenchOptions.AllScenarios]);
        var quick = new Option<bool>("--quick") { Description = "A few seconds per scenario: a smoke check, not a result" };
        var duration = new Option<int?>("--duration") { Description = "Seconds of measured load per throughput run (default 20, quick 4)" };
        var subscribers = new Option<int?>("--subscribers") { Description = "SignalR subscribers in the fan-out scenario (default 1000, quick 200)" };
        var workers = new Option<int?>("--workers") { Description = "Concurrent callers in the dispatch scenario (default 40: 2 per store)" };
        var noProfile = new Option<bool>("--no-profile") { Description = "Skip the dotnet-trace profile of the gateway" };
        var output = new Option<string?>("--output") { Description = "Directory of the Markdown report (default bench/results)" };
        var previous = new Option<string?>("--previous") { Description = "The earlier report to compare with (default: the latest full report in bench/results)" };

        var root = new RootCommand("Orleans.Crm benchmarks (issues 6 and 9): claim races, dispatch throughput, board fan-out, hot store, memory — each against a PostgreSQL floor and a grain-write floor measured in the same run.")
        {
            all, scenario, quick, duration, subscribers, workers, noProfile, output, previous,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(all) ? [.. BenchOptions.AllScenarios] : (parse.GetValue(scenario) ?? []).ToHashSet(StringComparer.Ordinal);
            if (chosen.Count == 0)
            {
                await Console.Error.WriteLineAsync("Nothing to run: pass --all or --scenario <name> (see --help).");
                return 2;
            }

            chosen.UnionWith(BenchOptions.Baselines);
            var isQuick = parse.GetValue(quick);
            var results = parse.GetValue(output) ?? DefaultResultsDirectory();
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
                ResultsDirectory = results,
                PreviousReport = parse.GetValue(previous) ?? PreviousReport.Latest(DefaultResultsDirectory(), MarkdownReport.PathFor(results, isQuick)),
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
        await RunEngineAsync(context, Step);

        var wantsCohosted = options.Runs("claim-race") || options.Runs("dispatch") || options.Runs("fan-out") || options.Runs("memory");
        if (wantsCohosted)
        {
            var database = await cluster.CreateDatabaseAsync("bench_cohosted");
            Console.WriteLine("Starting a co-hosted gateway (gateway + silo in one process, ADO.NET clustering on its database) …");
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
                    DispatchScenario.RunAsync(context, cohosted, "ds", subscribers, options.Profile));
            }
        }

        if (options.Runs("dispatch") || options.Runs("claim-race"))
        {
            var database = await cluster.CreateDatabaseAsync("bench_split");
            Console.WriteLine("Starting split mode: 2 silo processes + 1 gateway that is an Orleans client of them …");
            await using var split = await Topology.StartSplitAsync(database, 2);
            if (options.Runs("dispatch"))
            {
                await Step("3 dispatch (split)", () => DispatchScenario.RunAsync(context, split, "dx", 0, profile: false));
            }

            if (options.Runs("claim-race"))
            {
                await Step("2 claim race (split)", () => ClaimRaceScenario.RunAsync(context, split));
            }
        }

        var total = Stopwatch.GetElapsedTime(started);
        var previousReport = options.PreviousReport is { } path && File.Exists(path) ? PreviousReport.Load(path) : null;
        Console.WriteLine();
        Console.WriteLine(TablePrinter.Text(report.Rows, previousReport));
        Console.WriteLine(TimeBudget.Text(context));
        var written = MarkdownReport.Write(options, context, previousReport, MachineInfo.Describe(cluster.DataDirectory, RepositoryRoot()), version, total, commandLine);
        Console.WriteLine($"Report: {written}");
        Console.WriteLine($"Total: {total.TotalMinutes:0.0} min");
        return report.Rows.Any(r => r.Value == "FAILED") ? 1 : 0;

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

    /// <summary>
    /// The engine part, all in this process: one cluster of in-process silos and an Orleans client on its own database —
    /// the grain-write floor, the claim race and the dispatch through the client, the hot store (then on two silos) —
    /// and afterwards a fresh silo for the memory figure.
    /// </summary>
    private static async Task RunEngineAsync(BenchContext context, Func<string, Func<Task>, Task> step)
    {
        var options = context.Options;
        var database = await context.Cluster.CreateDatabaseAsync("bench_engine");
        Console.WriteLine("Starting the engine cluster in-process (1 silo built with AddCrmSilo, 1 client built with AddCrmClient) …");
        string? serviceId = null;
        var hotStoreRan = false;
        await step("1 grain-write floor", async () =>
        {
            await using var engine = await EngineCluster.StartAsync(database);
            serviceId = engine.Environment.Shared()["Orleans__ServiceId"];
            await GrainFloorScenario.RunAsync(context, engine);
            if (options.Runs("claim-race"))
            {
                await step("2 claim race (Orleans client)", () => EngineScenario.ClaimRaceAsync(context, engine));
            }

            if (options.Runs("dispatch"))
            {
                await step("3 dispatch (Orleans client)", () => EngineScenario.DispatchAsync(context, engine));
            }

            if (options.Runs("hot-store") || options.Runs("memory"))
            {
                await step("5 hot store", () => HotStoreScenario.RunAsync(context, engine));
                hotStoreRan = true;
            }

            context.Report.AddStates("engine database (floor grains, claim race, dispatch, hot store)", await StateCosts.TableAsync(database));
        });

        if (options.Runs("memory") && hotStoreRan && serviceId is not null)
        {
            await step("6 memory (grains)", () => MemoryScenario.RunAsync(context, database, serviceId));
        }
    }

    private static string DefaultResultsDirectory() =>
        RepositoryRoot() is { } root ? Path.Combine(root, "bench", "results") : Path.Combine(Environment.CurrentDirectory, "bench-results");

    /// <summary>
    /// The repository the bench was built from (the output may be under --artifacts-path, outside it): the first directory
    /// upwards from the working directory or the binaries that holds <c>bench/Bench.csproj</c>.
    /// </summary>
    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "bench", "Bench.csproj")))
                {
                    return directory.FullName;
                }

                if (File.Exists(Path.Combine(directory.FullName, "Bench.csproj")) && directory.Parent is { } parent)
                {
                    return parent.FullName;
                }
            }
        }

        return null;
    }
}
