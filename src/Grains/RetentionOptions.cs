using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Grains;

/// <summary>
/// Retention of customer data (issue 14, DOMAIN §9 and seed 004 "定期对客户信息进行清理"), configuration section
/// <c>Security</c>: leads closed more than <see cref="RetentionYears"/> ago are anonymised by the retention sweep.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section (shared with the silo's identity key).</summary>
    public const string Section = "Security";

    /// <summary>A lead closed more than this many years ago loses its customer's personal data.</summary>
    [Range(1, 100, ErrorMessage = "Security:RetentionYears must be between {1} and {2}.")]
    public int RetentionYears { get; set; } = 3;

    /// <summary>How often the retention sweep runs (an Orleans reminder: at least a minute).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Security:RetentionSweepPeriod must be between {1} and {2}.")]
    public TimeSpan RetentionSweepPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Closed leads one sweep tick anonymises at most (the rest follow on the next ticks).</summary>
    [Range(1, 10_000, ErrorMessage = "Security:RetentionBatch must be between {1} and {2}.")]
    public int RetentionBatch { get; set; } = 200;
}
