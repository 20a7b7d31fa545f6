using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.State;

/// <summary>
/// A store's state: configuration, designers and their holdings, managers' leave, the open leads, the queue and the
/// board (its sequence and a bounded log of recent events). Closed leads go to the archive (<see cref="ILeadGrain"/>);
/// only their board cards stay while they are "today".
/// </summary>
public sealed record StoreState : DecidingState
{
    public bool Configured { get; init; }

    public string Name { get; init; } = "";

    public string TimeZone { get; init; } = "Asia/Shanghai";

    public Season Season { get; init; }

    public ImmutableList<GroupState> Groups { get; init; } = [];

    public ImmutableList<string> Rotation { get; init; } = [];

    public DateOnly RotationStart { get; init; }

    public ImmutableList<DayOfWeek> RestDays { get; init; } = [DayOfWeek.Monday];

    /// <summary>Duty overrides by ISO date.</summary>
    public ImmutableDictionary<string, string> DutyOverrides { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, ManagerEntry> Managers { get; init; } = ImmutableDictionary<string, ManagerEntry>.Empty;

    public ImmutableDictionary<string, DesignerEntry> Designers { get; init; } = ImmutableDictionary<string, DesignerEntry>.Empty;

    public int LastRunningNumber { get; init; }

    /// <summary>The last feedback form's number (the forms themselves are in the journal, not here).</summary>
    public int LastFeedbackNumber { get; init; }

    /// <summary>The store's open leads (and deposit-stage ones, which stay open until the contract).</summary>
    public ImmutableDictionary<string, LeadState> Leads { get; init; } = ImmutableDictionary<string, LeadState>.Empty;

    public ImmutableList<QueueEntry> Queue { get; init; } = [];

    /// <summary>Leads registered or claimed in the last few local days (the board's "today").</summary>
    public ImmutableList<RecentLead> RecentLeads { get; init; } = [];

    /// <summary>Board cards of recent leads that are closed and archived.</summary>
    public ImmutableDictionary<string, BoardLead> ClosedCards { get; init; } = ImmutableDictionary<string, BoardLead>.Empty;

    public ImmutableList<TickerLine> Ticker { get; init; } = [];

    /// <summary>The last board sequence: every event is numbered here and saved with the change that caused it.</summary>
    public long Sequence { get; init; }

    /// <summary>The most recent board events, for screens that resume (bounded).</summary>
    public ImmutableList<BoardEvent> Events { get; init; } = [];

    /// <summary>Pool claims this store accepted, by lead id, with the claim time: a hand-off delivered again is recognised.</summary>
    public ImmutableDictionary<string, DateTimeOffset> AcceptedClaims { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>Notices to the pool not yet acknowledged (claims settled, leads returned).</summary>
    public ImmutableList<PoolNotice> PoolNotices { get; init; } = [];

    /// <summary>When the store was first set up: the sweep never ranks a half month that ended before the store existed.</summary>
    public DateTimeOffset? ConfiguredAt { get; init; }

    /// <summary>The half months ranked (most recent last, bounded): the sweep ranks each once.</summary>
    public ImmutableList<string> RankedPeriods { get; init; } = [];

    /// <summary>The half month whose ranking sets the ranks in force or about to be (null: ranks are the set-up's).</summary>
    public string? RankingPeriod { get; init; }

    /// <summary>A ranking waiting for its local midnight (ranks, scores and grades by designer id).</summary>
    public PendingRanking? PendingRanking { get; init; }
}

/// <summary>A ranking that takes effect at <paramref name="EffectiveAt"/> (the store's sweep applies it).</summary>
public sealed record PendingRanking(
    string Period,
    DateTimeOffset EffectiveAt,
    ImmutableDictionary<string, int> Ranks,
    ImmutableDictionary<string, decimal> Scores,
    ImmutableDictionary<string, DesignerGrade> Grades);

/// <summary>A design group as configured: the manager and the designers in their order.</summary>
public sealed record GroupState(string ManagerId, string ManagerName, ImmutableList<string> DesignerIds);

/// <summary>An account manager of the store and their leave days.</summary>
public sealed record ManagerEntry(string Name, ImmutableSortedSet<DateOnly> Leave);

/// <summary>A lead waiting for a free slot, with the manager who dispatched it and when it arrived.</summary>
public sealed record QueueEntry(string LeadId, string ManagerId, DateTimeOffset ArrivedAt);

/// <summary>A lead of the store and its local registration (or claim) date.</summary>
public sealed record RecentLead(string LeadId, DateOnly Date);
