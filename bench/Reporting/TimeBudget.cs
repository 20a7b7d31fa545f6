using System.Globalization;
using System.Text;

namespace Orleans.Crm.Bench.Reporting;

/// <summary>
/// The "where the time goes" section, generated from the run's own figures: the latency ladder (each step's p50 and
/// what it adds over the step before), what each acknowledged command cost PostgreSQL (statements, round trips, grain
/// writes and reads, lost version checks, server time) and the CPU of the whole box, the grain state a write carries,
/// and the derived budget lines. The prose that interprets them is the lead's (a template follows the figures).
/// </summary>
public static class TimeBudget
{
    /// <summary>The section as Markdown.</summary>
    public static string Markdown(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = context.Report;
        var text = new StringBuilder();
        text.AppendLine("### Latency ladder (p50, one caller unless stated)");
        text.AppendLine();
        text.AppendLine("| step | p50 | added over | × PostgreSQL floor p50 | × grain-write floor p50 | what the step adds |");
        text.AppendLine("| --- | ---: | --- | ---: | ---: | --- |");
        foreach (var step in report.Ladder)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {step.Step} | {Format.Ms(step.P50)} | {Added(step)} | {Ratio(step.P50, context.Floor.UpdateP50)} | {Ratio(step.P50, context.GrainFloor.WriteP50)} | {step.Path} |");
        }

        text.AppendLine();
        text.AppendLine("### What one acknowledged command cost");
        text.AppendLine();
        text.AppendLine("Statements are pg_stat_statements calls in the measured window divided by the acknowledged commands (grain writes for the floor, "
            + "rounds for the claim race); \"own round trips\" leaves out `DISCARD ALL`, which Npgsql sends in front of the next statement on a pooled "
            + "connection. Lost writes are WriteToStorage calls that found another version (no row returned). DB execution is pg_stat_statements' "
            + "execution time, which leaves out each statement's commit (its WAL flush); planning is counted apart. CPU is that of the run's own processes (PostgreSQL, silos, "
            + "gateway, bench), sampled from /proc; the table above also has the whole box's.");
        text.AppendLine();
        text.AppendLine("| run | commands | statements | own round trips | WriteToStorage | ReadFromStorage | lost writes | DB execution ms | DB planning ms | CPU ms (run's processes) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var cost in report.Costs)
        {
            var n = Math.Max(1, cost.Commands);
            var s = cost.Statements;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {cost.Label} | {cost.Commands} | {Per(s.Statements, n)} | {Per(s.RoundTrips, n)} | {Per(s.Calls("WriteToStorage"), n)} | {Per(s.Calls("ReadFromStorage"), n)} "
                + $"| {s.LostWrites} | {(s.TotalMs / n).ToString("0.00", CultureInfo.InvariantCulture)} | {(s.PlanMs / n).ToString("0.00", CultureInfo.InvariantCulture)} | {(cost.CpuMsPerCommand is { } cpu ? cpu.ToString("0.00", CultureInfo.InvariantCulture) : "")} |");
        }

        foreach (var (label, table) in report.States)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"### Grain state a write carries — {label}");
            text.AppendLine();
            text.AppendLine("Every WriteToStorage sends the whole serialised state of the grain; the serializer times are this process's, for the largest rows.");
            text.AppendLine();
            text.Append(table);
        }

        text.AppendLine();
        text.AppendLine("### Budget lines (derived from the figures above)");
        text.AppendLine();
        foreach (var line in Lines(context))
        {
            text.AppendLine("- " + line);
        }

        return text.ToString();
    }

    /// <summary>The ladder and the budget lines as console text.</summary>
    public static string Text(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = new StringBuilder();
        text.AppendLine("Where the time goes (p50 ladder):");
        foreach (var step in context.Report.Ladder)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Format.Ms(step.P50),10}  {step.Step}{(step.Over is null ? "" : $" ({Added(step)})")}");
        }

        foreach (var cost in context.Report.Costs)
        {
            var n = Math.Max(1, cost.Commands);
            text.AppendLine(
                $"  {cost.Label}: {Per(cost.Statements.Statements, n)} statements ({Per(cost.Statements.RoundTrips, n)} own round trips, "
                + $"{Per(cost.Statements.Calls("WriteToStorage"), n)} writes) per command, {cost.Statements.LostWrites} lost writes"
                + (cost.CpuMsPerCommand is { } cpu ? $", {cpu.ToString("0.00", CultureInfo.InvariantCulture)} ms CPU" : ""));
        }

        foreach (var line in Lines(context))
        {
            text.AppendLine("  - " + line);
        }

        return text.ToString();
    }

    private static IEnumerable<string> Lines(BenchContext context)
    {
        var floor = context.Floor;
        var grain = context.GrainFloor;
        var steps = context.Report.Ladder.ToDictionary(s => s.Step, s => s.P50, StringComparer.Ordinal);
        if (!double.IsNaN(grain.WriteP50) && !double.IsNaN(floor.UpdateP50))
        {
            yield return $"The engine: a grain write costs {Format.Ms(grain.WriteP50)} against {Format.Ms(floor.UpdateP50)} for the raw UPDATE "
                + $"({Ratio(grain.WriteP50, floor.UpdateP50)}); a call to the same grain without a write costs {Format.Ms(grain.CallP50)}, so the write path "
                + $"(state serializer, ADO.NET provider, the project's WriteToStorage, its WAL flush) adds {Format.Ms(grain.WriteP50 - grain.CallP50)} to the call. "
                + $"Throughput: {Format.PerSecond(grain.WritesPerSecond)} grain writes against {Format.PerSecond(floor.UpdatesPerSecond)} UPDATEs "
                + $"({Ratio(grain.WritesPerSecond, floor.UpdatesPerSecond)}).";
        }

        if (Find(steps, "store dispatch via Orleans client") is { } dispatch && !double.IsNaN(grain.WriteP50))
        {
            yield return $"The rules: a dispatch through the same client costs {Format.Ms(dispatch)}, {Format.Ms(dispatch - grain.WriteP50)} more than "
                + $"the grain-write floor ({Ratio(dispatch, grain.WriteP50)}).";
        }

        if (Find(steps, "claim winner via Orleans client") is { } claim && !double.IsNaN(grain.WriteP50))
        {
            yield return $"The claim race: the winner of 64 simultaneous claims waits {Format.Ms(claim)} ({Ratio(claim, grain.WriteP50)} the grain-write floor, "
                + $"{Ratio(claim, floor.UpdateP50)} the PostgreSQL floor): the 64 calls queue in the one pool activation, so the winner's latency is its "
                + "place in that queue plus its own turn and write.";
        }

        foreach (var http in context.Report.Ladder.Where(s => s.Step.StartsWith("dispatch via HTTP (", StringComparison.Ordinal)))
        {
            if (Find(steps, "store dispatch via Orleans client") is { } engine)
            {
                yield return $"HTTP and the gateway: {http.Step} costs {Format.Ms(http.P50)}, {Format.Ms(http.P50 - engine)} more than the same dispatch through the Orleans client.";
            }
        }

        foreach (var cost in context.Report.Costs.Where(c => c.CpuMsPerCommand is not null && c.Label.StartsWith("dispatch rush", StringComparison.Ordinal)))
        {
            var ceiling = Environment.ProcessorCount * 1000.0 / cost.CpuMsPerCommand!.Value;
            yield return $"The box: {cost.Label} used {cost.CpuMsPerCommand.Value.ToString("0.00", CultureInfo.InvariantCulture)} ms of CPU per acknowledged command "
                + $"(PostgreSQL, silos, gateway and load generator together), so {Environment.ProcessorCount} cores top out near {Format.PerSecond(ceiling)} at that cost "
                + $"({Ratio(ceiling, floor.UpdatesPerSecond)} the floor throughput); it made "
                + $"{(cost.Statements.Statements / (double)Math.Max(1, cost.Commands)).ToString("0.0", CultureInfo.InvariantCulture)} statements per command, "
                + $"{(cost.Statements.TotalMs / Math.Max(1, cost.Commands)).ToString("0.00", CultureInfo.InvariantCulture)} ms of PostgreSQL execution each.";
        }
    }

    private static string Added(LadderStep step) =>
        step.Over is { } over ? $"{(step.P50 >= over.P50 ? "+" : "")}{Format.Ms(step.P50 - over.P50)} over {over.Step}" : "";

    private static double? Find(Dictionary<string, double> steps, string prefix) =>
        steps.FirstOrDefault(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)) is { Key: not null } found ? found.Value : null;

    private static string Ratio(double value, double baseline) =>
        double.IsNaN(value) || double.IsNaN(baseline) || baseline == 0 ? "" : Format.Ratio(value / baseline);

    private static string Per(long count, long per) => (count / (double)per).ToString("0.00", CultureInfo.InvariantCulture);
}
