using System.Globalization;
using System.Text;
using Orleans.Crm.Bench.Infrastructure;

namespace Orleans.Crm.Bench.Reporting;

/// <summary>
/// Writes <c>bench/results/&lt;yyyy-MM-dd&gt;.md</c>: machine, settings, the table (with the previous report's figures
/// beside the new ones), "where the time goes" with every figure it rests on, a template for the lead's analysis, and the
/// notes per scenario.
/// </summary>
public static class MarkdownReport
{
    /// <summary>Where today's report goes.</summary>
    public static string PathFor(string directory, bool quick) =>
        Path.Combine(directory, DateTimeOffset.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (quick ? "-quick" : "") + ".md");

    /// <summary>Writes the report and returns its path.</summary>
    public static string Write(BenchOptions options, BenchContext context, PreviousReport? previous, IReadOnlyList<(string Key, string Value)> machine, string postgresVersion, TimeSpan total, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(machine);
        var report = context.Report;
        Directory.CreateDirectory(options.ResultsDirectory);
        var now = DateTimeOffset.Now;
        var path = PathFor(options.ResultsDirectory, options.Quick);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Benchmark results — {now:yyyy-MM-dd HH:mm zzz}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`{commandLine}` — {total.TotalMinutes:0.0} min in total{(options.Quick ? " (**--quick: a smoke check, not a result**)" : "")}.");
        text.AppendLine();
        text.AppendLine("The engine is Microsoft Orleans 10.4.2 (issue 9): ADO.NET clustering, grain storage and reminders on PostgreSQL with the project's own scripts. "
            + "Everything — PostgreSQL, the silo and gateway processes, the in-process engine cluster, and the load generator with its 1,000 WebSocket clients — "
            + "shares this one machine, so every figure below is a figure of the whole box, and the ratios compare against two baselines measured on the same box "
            + "in the same run: the PostgreSQL floor (one durable UPDATE) and the grain-write floor (one persisted write of a trivial grain through the same "
            + "storage provider and scripts, called by an Orleans client).");
        text.AppendLine();
        text.AppendLine("## Machine");
        text.AppendLine();
        foreach (var (key, value) in machine)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {value}");
        }

        text.AppendLine();
        text.AppendLine("## Settings");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- PostgreSQL {postgresVersion}: {string.Join(", ", PostgresCluster.Settings)} — durable: every acknowledged commit is flushed to disk.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- scenarios: {string.Join(", ", options.Scenarios)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- floor duration {options.FloorDuration.TotalSeconds:0} s per measurement (PostgreSQL and grain-write floors); load duration {options.LoadDuration.TotalSeconds:0} s per HTTP and hot-store throughput run, half of it for the engine's rush (after a warm-up)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- claim race: 64 managers (8 stores × 8), {options.ClaimRounds} leads, over HTTP (co-hosted, split) and through an Orleans client; deposit race over HTTP: 10 stores, {options.DepositRounds} customers");
        text.AppendLine(CultureInfo.InvariantCulture, $"- dispatch: 20 stores × 3 groups × 4 designers, {options.DispatchWorkers} closed-loop callers (visit → dispatch → close); fan-out: {options.Subscribers} subscribers (the .NET SignalR client over WebSockets)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- hot store: {options.HotStoreWorkers} callers on one store, in-process silos of one cluster (1, then 2)");
        text.AppendLine("- topologies: **engine** = in-process silos built with `AddCrmSilo` + an in-process Orleans client built with `AddCrmClient`; "
            + "**co-hosted** = one `Orleans.Crm.Gateway.dll` process with its silo; **split** = two `Orleans.Crm.Silo.dll` processes + one gateway with "
            + "`Orleans:CoHostSilo=false`. Each topology is one cluster on its own database (fresh ClusterId/ServiceId, loopback, Orleans's default membership timings).");
        text.AppendLine("- processes: Release builds, ASPNETCORE_ENVIRONMENT=Production, log level Warning, workstation GC, `Auth:DevTokens=true`, `Demo:Seed=false`, `Storage:Provider=postgres`");
        text.AppendLine();
        text.AppendLine("## Results");
        text.AppendLine();
        text.Append(TablePrinter.Markdown(report.Rows, previous));
        text.AppendLine();
        text.AppendLine("Ratios: `vs baseline` divides the figure by the baseline named (floor p50 = durable single-row UPDATE at concurrency 1; "
            + "floor throughput = the same UPDATE at concurrency 16; grain-write p50 / throughput = one persisted write of the bench's trivial grain "
            + "through an Orleans client, at concurrency 1 / 16; NOTIFY RTT = raw LISTEN/NOTIFY round trip). For latencies lower is better, "
            + "for throughput higher is better.");
        if (previous is not null)
        {
            text.AppendLine();
            text.AppendLine(
                $"The last column is the row of the same scenario and metric in `{previous.Name}.md`: its value and its ratio to *its* baselines, "
                + "measured in that run on the engine of its day (2026-11-22: the home-made runtime). Rows without one are new (the grain-write floor, "
                + "the Orleans-client runs) or changed their meaning.");
        }

        text.AppendLine();
        text.AppendLine("## Where the time goes");
        text.AppendLine();
        text.Append(TimeBudget.Markdown(context));
        text.AppendLine();
        text.AppendLine("### Analysis (the lead's, written after reading the figures above)");
        text.AppendLine();
        text.AppendLine("- _Targets met and missed, and by how much (the table's verdicts)._");
        text.AppendLine("- _The engine's cost: grain-write floor vs PostgreSQL floor — messaging, the serializer, the provider's statement._");
        text.AppendLine("- _What the rules add: claim/dispatch vs the grain-write floor — state size per write, grain calls and writes per command, one activation per store and one pool._");
        text.AppendLine("- _What HTTP and the gateway add, and what load adds (queueing in hot activations; CPU of a 2-core box shared by everything)._");
        text.AppendLine("- _Against the previous report: what moved and why._");
        text.AppendLine("- _Next steps with evidence behind them._");
        text.AppendLine();
        text.AppendLine("## Notes per scenario");
        foreach (var group in report.Notes.GroupBy(n => n.Scenario))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {group.Key}");
            foreach (var (_, note) in group)
            {
                text.AppendLine();
                text.AppendLine(note);
            }
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
