using System.Globalization;
using System.Text;
using Orleans.Crm.Bench.Infrastructure;

namespace Orleans.Crm.Bench.Reporting;

/// <summary>Writes <c>bench/results/&lt;yyyy-MM-dd&gt;.md</c>: machine, settings, the table, and the notes per scenario.</summary>
public static class MarkdownReport
{
    /// <summary>Writes the report and returns its path.</summary>
    public static string Write(string directory, BenchOptions options, BenchReport report, IReadOnlyList<(string Key, string Value)> machine, string postgresVersion, TimeSpan total, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(machine);
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.Now;
        var name = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (options.Quick ? "-quick" : "") + ".md";
        var path = Path.Combine(directory, name);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Benchmark results — {now:yyyy-MM-dd HH:mm zzz}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`{commandLine}` — {total.TotalMinutes:0.0} min in total{(options.Quick ? " (**--quick: a smoke check, not a result**)" : "")}.");
        text.AppendLine();
        text.AppendLine("Everything — PostgreSQL, the silo and gateway processes, and the load generator with its 1,000 WebSocket clients — shares this one machine, "
            + "so every figure below is a figure of the whole box, and the ratios compare against a floor measured on the same box in the same run.");
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
        text.AppendLine(CultureInfo.InvariantCulture, $"- floor duration {options.FloorDuration.TotalSeconds:0} s per measurement; load duration {options.LoadDuration.TotalSeconds:0} s per throughput run (after a warm-up)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- claim race: 64 managers (8 stores × 8), {options.ClaimRounds} leads; deposit race: 10 stores, {options.DepositRounds} customers");
        text.AppendLine(CultureInfo.InvariantCulture, $"- dispatch: 20 stores × 3 groups × 4 designers, {options.DispatchWorkers} closed-loop callers (visit → dispatch → close); fan-out: {options.Subscribers} subscribers");
        text.AppendLine(CultureInfo.InvariantCulture, $"- hot store: {options.HotStoreWorkers} callers on one store, in-process runtime");
        text.AppendLine("- processes: `dotnet Orleans.Crm.Gateway.dll` / `Orleans.Crm.Silo.dll` (Release), ASPNETCORE_ENVIRONMENT=Production, log level Warning, `Auth:DevTokens=true`, `Demo:Seed=false`, `Storage:Provider=postgres`");
        text.AppendLine();
        text.AppendLine("## Results");
        text.AppendLine();
        text.Append(TablePrinter.Markdown(report.Rows));
        text.AppendLine();
        text.AppendLine("Ratios: `vs baseline` divides the figure by the baseline named (floor p50 = durable single-row UPDATE at concurrency 1; "
            + "floor throughput = the same UPDATE at concurrency 16; NOTIFY RTT = raw LISTEN/NOTIFY round trip). For latencies lower is better, "
            + "for throughput higher is better.");
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
