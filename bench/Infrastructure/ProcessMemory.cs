namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>Resident memory from <c>/proc/&lt;pid&gt;/status</c> (VmRSS), the figure a container's memory limit counts.</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS of <paramref name="processId"/> in bytes.</summary>
    public static long ResidentBytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no VmRSS line.");
    }

    /// <summary>VmRSS of this process in bytes.</summary>
    public static long OwnResidentBytes() => ResidentBytes(Environment.ProcessId);
}
