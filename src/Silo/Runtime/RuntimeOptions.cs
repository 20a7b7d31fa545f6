using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Silo.Runtime;

/// <summary>Runtime settings, bound from the <c>Runtime</c> configuration section.</summary>
public sealed class RuntimeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Runtime";

    /// <summary>How many times a call runs when its commit keeps losing version checks.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 25;

    /// <summary>How long a call may wait for the grain's turn before it fails.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation idle this long is collected (its state is already durable).</summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a state row stays in the silo's cache. Staleness is never served: writes are version-checked at
    /// commit and read-only calls check their cached rows' versions before answering (one round trip), so this
    /// only trades memory against database reads.
    /// </summary>
    public TimeSpan StateCacheTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often due reminders are claimed.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A claimed reminder not acknowledged within this lease becomes claimable by another silo.</summary>
    public TimeSpan ReminderLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Command records are kept this long; a retry must come within it to be recognised.</summary>
    public TimeSpan CommandRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>This silo's name in reminder leases and logs (default: host name and process id).</summary>
    public string? SiloName { get; set; }
}
