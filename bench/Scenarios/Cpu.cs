using System.Globalization;
using Orleans.Crm.Bench.Reporting;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>The CPU rows of a measured window: cores per process group, and the whole box's CPU per acknowledged command.</summary>
public static class Cpu
{
    /// <summary>
    /// Adds the rows; returns the CPU milliseconds per command of the run's own processes (the groups, without "other":
    /// on a shared machine the whole box's figure also carries other people's work).
    /// </summary>
    public static double Report(BenchContext context, string label, IReadOnlyList<(string Name, double Cores)> cores, double boxCores, TimeSpan elapsed, long commands, string unit)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cores);

        // "other" is whatever else ran on the box meanwhile (the OS, or other work on a shared machine): it competed with the run.
        var other = Math.Max(0, boxCores - cores.Sum(c => c.Cores));
        context.Report.Add(new ResultRow(label, "CPU cores used: " + string.Join(", ", cores.Select(c => c.Name)) + ", other / whole box",
            string.Join(" + ", cores.Select(c => c.Cores).Append(other).Select(c => c.ToString("0.00", CultureInfo.InvariantCulture)))
            + $" / {boxCores.ToString("0.00", CultureInfo.InvariantCulture)} of {Environment.ProcessorCount}"));
        var perCommand = boxCores * elapsed.TotalMilliseconds / Math.Max(1, commands);
        var own = cores.Sum(c => c.Cores) * elapsed.TotalMilliseconds / Math.Max(1, commands);
        context.Report.Add(new ResultRow(label, $"CPU per {unit} (whole box)", Format.Ms(perCommand)));
        // Was "": the earlier reports had only the whole box's figure, which this one must not be set beside.
        context.Report.Add(new ResultRow(label, $"CPU per {unit} (the run's own processes, without other)", Format.Ms(own), Was: ""));
        return own;
    }
}
