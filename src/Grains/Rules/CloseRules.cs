using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// What closing a lead without signing needs (DOMAIN §4): a reason category for lost and invalid leads, and for a lost
/// lead the manager's analysis (对丢、跑单资源客户经理必须要有原因分析). The one place close reasons are checked, so other
/// ways of closing (a deposit refunded or forfeited) add their reasons here.
/// </summary>
public static class CloseRules
{
    /// <summary>The longest analysis kept.</summary>
    public const int MaxAnalysisLength = 2000;

    /// <summary>
    /// The reason as stored (trimmed, lower case), or a refusal naming the field: a missing or unknown reason lists the
    /// allowed values; a lost lead without an analysis is refused.
    /// </summary>
    public static (string Reason, string? Analysis) Check(LeadOutcome outcome, string? reason, string? analysis)
    {
        var allowed = CloseReasons.Chosen;
        var normalized = reason?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(normalized))
        {
            throw CrmException.Invalid("reason", $"A {Word(outcome)} lead needs a reason; allowed values: {string.Join(", ", allowed)}.");
        }

        if (!allowed.Contains(normalized, StringComparer.Ordinal))
        {
            throw CrmException.Invalid("reason", $"Unknown reason '{reason!.Trim()}'; allowed values: {string.Join(", ", allowed)}.");
        }

        var text = analysis?.Trim();
        if (outcome == LeadOutcome.Lost && string.IsNullOrEmpty(text))
        {
            throw CrmException.Invalid("analysis", "A lost lead needs the manager's analysis of why it was lost (对丢、跑单资源必须要有原因分析).");
        }

        if (text is { Length: > MaxAnalysisLength })
        {
            throw CrmException.Invalid("analysis", $"The analysis may have at most {MaxAnalysisLength} characters.");
        }

        return (normalized, string.IsNullOrEmpty(text) ? null : text);
    }

    private static string Word(LeadOutcome outcome) => outcome == LeadOutcome.Lost ? "lost" : "invalid";
}
