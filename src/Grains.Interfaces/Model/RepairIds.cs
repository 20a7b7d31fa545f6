using System.Security.Cryptography;
using System.Text;

namespace Orleans.Crm.Grains.Model;

/// <summary>
/// Repair ids name their project (<c>{projectId}-r{8 base-32 characters}</c>): any process finds the project (and its
/// customer) from the id alone. The suffix is derived from the scoped command id that opened the repair, so a retried
/// request reaches the same repair grain (no counter, hence no second decider of the numbering). A lead id ends in
/// digits after its last '-', a repair id in 'r' and letters/digits, so task ids of both stay apart
/// (<see cref="TaskIds"/>: task → owner → grain).
/// </summary>
public static class RepairIds
{
    private const string Separator = "-r";
    private const int SuffixLength = 8;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>The id of the repair a command opens on <paramref name="projectId"/>.</summary>
    public static string For(string projectId, string scopedCommandId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("orleans-crm/repair/" + projectId + "/" + scopedCommandId));
        var suffix = new char[SuffixLength];
        for (var i = 0; i < SuffixLength; i++)
        {
            suffix[i] = Alphabet[hash[i] & 31];
        }

        return $"{projectId}{Separator}{new string(suffix)}";
    }

    /// <summary>The project of a repair id, or null when the id is not one.</summary>
    public static string? ProjectOf(string? repairId)
    {
        if (string.IsNullOrEmpty(repairId))
        {
            return null;
        }

        var at = repairId.LastIndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0 || repairId.Length - at - Separator.Length != SuffixLength)
        {
            return null;
        }

        foreach (var c in repairId.AsSpan(at + Separator.Length))
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
        }

        var projectId = repairId[..at];
        return ProjectIds.CustomerOf(projectId) is null ? null : projectId;
    }

    /// <summary>True when the task id names a repair as its owner (a repair's callback, ticket or re-check).</summary>
    public static bool OwnsTask(string? taskId) => ProjectOf(TaskIds.LeadOf(taskId)) is not null;
}
