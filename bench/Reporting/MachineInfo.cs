using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Orleans.Crm.Bench.Reporting;

/// <summary>What the run ran on, for the report: CPU, cores, memory, OS, .NET, the repository's commit.</summary>
public static class MachineInfo
{
    /// <summary>Lines of "key: value".</summary>
    public static IReadOnlyList<(string Key, string Value)> Describe(string? dataDirectory, string? repository)
    {
        var commit = repository is null ? null : Git(repository, "rev-parse --short HEAD");
        var changes = repository is null ? null : Git(repository, "status --porcelain --untracked-files=no");
        var lines = new List<(string, string)>
        {
            ("CPU", CpuModel()),
            ("logical cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("memory", MemTotal()),
            ("OS", RuntimeInformation.OSDescription),
            (".NET", RuntimeInformation.FrameworkDescription),
            ("load average (1/5/15 min) when the report was written", LoadAverage()),
            ("GC", "workstation, concurrent (bench and every started process)"),
            ("repository commit", (commit ?? "unknown") + (string.IsNullOrWhiteSpace(changes) ? "" : " (working tree has uncommitted changes)")),
        };
        if (dataDirectory is not null)
        {
            lines.Add(("PostgreSQL data file system", FileSystemOf(dataDirectory)));
        }

        return lines;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
                + " (above the core count means other work shared the machine during the run)";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string MemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kilobytes = long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return Format.MiB(kilobytes * 1024.0);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            return "unknown";
        }
    }

    private static string FileSystemOf(string path)
    {
        try
        {
            // The longest mount point that contains the path: where each commit's WAL flush lands.
            var mount = File.ReadLines("/proc/mounts")
                .Select(l => l.Split(' '))
                .Where(p => p.Length >= 3 && path.StartsWith(p[1], StringComparison.Ordinal))
                .OrderByDescending(p => p[1].Length)
                .FirstOrDefault();
            return mount is null ? "unknown" : $"{mount[2]} mounted at {mount[1]} (device {mount[0]})";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    // Read-only git commands in the repository (--no-optional-locks: status must not refresh the index); null when git
    // is missing or fails.
    private static string? Git(string repository, string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git", "--no-optional-locks " + arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repository };
            using var process = Process.Start(info);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
