using System.Diagnostics;
using System.Globalization;

namespace Orleans.Crm.Bench.Measurement;

/// <summary>
/// Where the machine's CPU goes during a run, from /proc: per process group (gateway, silos, PostgreSQL backends, the
/// bench itself) the user+system ticks in /proc/&lt;pid&gt;/stat, and the whole box's busy share from /proc/stat. On a
/// 2-core box shared by everything this is the first answer to "where does the time go".
/// </summary>
/// <remarks>
/// Ticks are taken per process: a process that starts during the window counts from zero, one that exits is dropped
/// (its last ticks are lost, not subtracted) — other work on a shared machine starts and stops processes all the time.
/// </remarks>
public sealed class CpuSampler
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux.
    private readonly IReadOnlyList<(string Name, Func<IEnumerable<int>> Pids)> _groups;
    private Dictionary<string, Dictionary<int, long>> _start = [];
    private (long Busy, long Total) _boxStart;
    private long _startedAt;

    /// <summary>Samples the named process groups.</summary>
    public CpuSampler(IReadOnlyList<(string Name, Func<IEnumerable<int>> Pids)> groups) => _groups = groups;

    /// <summary>Every process whose command name is <c>postgres</c> (any server on the machine).</summary>
    public static IEnumerable<int> PostgresProcesses() =>
        Processes().Where(p => TryRead($"/proc/{p}/comm") is { } comm && comm.Trim() == "postgres");

    /// <summary>
    /// The processes of the PostgreSQL server whose data directory is <paramref name="dataDirectory"/> (the postmaster of
    /// <c>postmaster.pid</c> and its children), so other servers on a shared machine (other people's test runs) do not
    /// count; every postgres process when the directory is unknown (an external server).
    /// </summary>
    public static Func<IEnumerable<int>> PostgresOf(string? dataDirectory) => () =>
    {
        var postmaster = dataDirectory is null ? null : TryRead(Path.Combine(dataDirectory, "postmaster.pid"))?.Split('\n')[0].Trim();
        if (!int.TryParse(postmaster, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return PostgresProcesses();
        }

        return Processes().Where(p => p == pid || ParentOf(p) == pid);
    };

    /// <summary>Takes the starting sample.</summary>
    public void Start()
    {
        _start = Sample();
        _boxStart = Box();
        _startedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>Cores used on average per group since <see cref="Start"/>, and by the whole box.</summary>
    public (IReadOnlyList<(string Name, double Cores)> Groups, double BoxCores) Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var end = Sample();
        var box = Box();
        var groups = _groups.Select(g =>
        {
            var before = _start.GetValueOrDefault(g.Name) ?? [];
            var ticks = end[g.Name].Sum(p => Math.Max(0, p.Value - before.GetValueOrDefault(p.Key)));
            return (g.Name, ticks / TicksPerSecond / seconds);
        }).ToList();
        var boxCores = (box.Total - _boxStart.Total) == 0 ? 0 : (box.Busy - _boxStart.Busy) / (double)(box.Total - _boxStart.Total) * Environment.ProcessorCount;
        return (groups, boxCores);
    }

    private Dictionary<string, Dictionary<int, long>> Sample() =>
        _groups.ToDictionary(g => g.Name, g => g.Pids().Distinct().ToDictionary(p => p, Ticks));

    private static IEnumerable<int> Processes()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    // Fields after the parenthesised command name: state is field 3, ppid 4, utime 14, stime 15.
    private static string[]? StatFields(int pid) => TryRead($"/proc/{pid}/stat") is { } stat ? stat[(stat.LastIndexOf(')') + 2)..].Split(' ') : null;

    private static int ParentOf(int pid) => StatFields(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : -1;

    private static long Ticks(int pid) => StatFields(pid) is { } fields
        ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
        : 0;

    private static (long Busy, long Total) Box()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
