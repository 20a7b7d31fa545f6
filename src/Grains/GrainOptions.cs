using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Grains;

/// <summary>How the grains keep their bounded logs and deliver effects to other grains (configuration section <c>Grains</c>).</summary>
public sealed class GrainOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Grains";

    /// <summary>How long a deciding grain remembers a command id and its result (a retry within it returns the first result).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan CommandRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// At most this many command ids per grain (the oldest are forgotten first). Every write of the grain carries them
    /// (about 60 bytes each: a hash and a reference), so they are bounded; at a store's busiest (ten commands a second
    /// under load tests) this still covers well over a minute of resends, and an hour for a real store.
    /// </summary>
    [Range(16, 100_000)]
    public int RememberedCommands { get; set; } = 1024;

    /// <summary>Board events a store keeps for screens that resume; one further behind gets a snapshot.</summary>
    [Range(16, 10_000)]
    public int BoardLogLength { get; set; } = 32;

    /// <summary>Leads the board lists as "today" at most (the newest; a wall shows no more, and each is in every write).</summary>
    [Range(16, 10_000)]
    public int BoardLeads { get; set; } = 100;

    /// <summary>Dispatch records and follow-ups an open lead keeps (older ones are in the journal, not in the store's state).</summary>
    [Range(1, 1_000)]
    public int LeadHistory { get; set; } = 10;

    /// <summary>How often an unacknowledged effect on another grain is sent again while the sender is active.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RedeliveryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A gateway's board subscription lapses unless renewed within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long the pool keeps a claimed lead's store in its state after the lead left its listing; older claims are
    /// found in the journal, so the pool's state does not grow with every claim ever made.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ClaimHolderMemory { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The period of each grain's sweep reminder (Orleans's minimum is one minute).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
