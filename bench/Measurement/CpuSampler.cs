using System.Diagnostics;
using System.Globalization;

namespace Orleans.Crm.Bench.Measurement;

/// <summary>
/// Where the machine's CPU goes during a run, from /proc: per process group (gateway, silos, PostgreSQL backends, the
/// bench itself) the user+system ticks in /proc/&lt;pid&gt;/stat, and the whole box's busy share from /proc/stat. On a
/// 2-core box shared by everything this is the first answer to "where does the time go".
/// </summary>
public sealed class CpuSampler
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux.
    private readonly IReadOnlyList<(string Name, Func<IEnumerable<int>> Pids)> _groups;
    private Dictionary<string, long> _start = [];
    private (long Busy, long Total) _boxStart;
    private long _startedAt;

    /// <summary>Samples the named process groups.</summary>
    public CpuSampler(IReadOnlyList<(string Name, Func<IEnumerable<int>> Pids)> groups) => _groups = groups;

    /// <summary>Every process whose command name is <c>postgres</c> (the server and its backends).</summary>
    public static IEnumerable<int> PostgresProcesses()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && TryRead(Path.Combine(directory, "comm")) is { } comm && comm.Trim() == "postgres")
            {
                yield return pid;
            }
        }
    }

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
        var groups = _groups.Select(g => (g.Name, (end[g.Name] - _start.GetValueOrDefault(g.Name)) / TicksPerSecond / seconds)).ToList();
        var boxCores = (box.Total - _boxStart.Total) == 0 ? 0 : (box.Busy - _boxStart.Busy) / (double)(box.Total - _boxStart.Total) * Environment.ProcessorCount;
        return (groups, boxCores);
    }

    private Dictionary<string, long> Sample() => _groups.ToDictionary(g => g.Name, g => g.Pids().Sum(Ticks));

    private static long Ticks(int pid)
    {
        var stat = TryRead($"/proc/{pid}/stat");
        if (stat is null)
        {
            return 0;
        }

        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

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
