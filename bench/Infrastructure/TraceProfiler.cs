using System.Diagnostics;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// Optional: a stack-sampling trace of a process with <c>dotnet-trace</c> (a NuGet global tool; found on PATH, in
/// ~/.dotnet/tools, or at <c>CRM_BENCH_DOTNET_TRACE</c>), summarised with <c>dotnet-trace report … topN</c>.
/// Absent tool → no profile, and the report says so.
/// </summary>
public static class TraceProfiler
{
    /// <summary>The dotnet-trace executable, or null.</summary>
    public static string? Find()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("CRM_BENCH_DOTNET_TRACE"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace"),
            "/tmp/bench-tools/dotnet-trace",
        };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "dotnet-trace")));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Traces <paramref name="processId"/> for <paramref name="duration"/>; returns the topN summaries (exclusive and inclusive).</summary>
    public static async Task<string?> CollectAsync(string tool, int processId, TimeSpan duration, string outputPath)
    {
        var span = $"00:00:{(int)duration.TotalMinutes:00}:{duration.Seconds:00}";
        var collected = await RunAsync(tool, ["collect", "-p", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time", "--duration", span, "-o", outputPath], duration + TimeSpan.FromSeconds(60));
        if (!File.Exists(outputPath))
        {
            return $"dotnet-trace collect produced no trace:\n{collected}";
        }

        var exclusive = await RunAsync(tool, ["report", outputPath, "topN", "-n", "25"], TimeSpan.FromSeconds(120));
        var inclusive = await RunAsync(tool, ["report", outputPath, "topN", "-n", "40", "--inclusive"], TimeSpan.FromSeconds(120));
        return $"Exclusive (top 25):\n{exclusive}\nInclusive (top 40):\n{inclusive}";
    }

    private static async Task<string> RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return $"{Path.GetFileName(file)} timed out";
        }

        return (await stdout) + (await stderr);
    }
}
