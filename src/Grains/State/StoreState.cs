using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.State;

/// <summary>A store's row: configuration, rotation, queue, recent leads and the board stream's sequence.</summary>
public sealed record StoreState
{
    public bool Configured { get; init; }

    public string Name { get; init; } = "";

    public string TimeZone { get; init; } = "Asia/Shanghai";

    public Season Season { get; init; }

    public IReadOnlyList<GroupState> Groups { get; init; } = [];

    public IReadOnlyList<string> Rotation { get; init; } = [];

    public DateOnly RotationStart { get; init; }

    public IReadOnlyList<DayOfWeek> RestDays { get; init; } = [DayOfWeek.Monday];

    /// <summary>Duty overrides by ISO date.</summary>
    public IReadOnlyDictionary<string, string> DutyOverrides { get; init; } = new Dictionary<string, string>();

    public int LastRunningNumber { get; init; }

    public IReadOnlyList<QueueEntry> Queue { get; init; } = [];

    /// <summary>Leads registered or claimed in the last few local days (the board's "today").</summary>
    public IReadOnlyList<RecentLead> RecentLeads { get; init; } = [];

    public IReadOnlyList<TickerLine> Ticker { get; init; } = [];

    /// <summary>
    /// How many events this store's board stream holds. Every commit that publishes to the stream also writes
    /// this row, so the count equals the stream's last sequence and a snapshot states exactly what it reflects.
    /// </summary>
    public long Sequence { get; init; }
}

/// <summary>A design group as configured: the manager and the designers in their order.</summary>
public sealed record GroupState(string ManagerId, string ManagerName, IReadOnlyList<string> DesignerIds);

/// <summary>A lead waiting for a free slot, with the manager who dispatched it and when it arrived.</summary>
public sealed record QueueEntry(string LeadId, string ManagerId, DateTimeOffset ArrivedAt);

/// <summary>A lead of the store and its local registration date.</summary>
public sealed record RecentLead(string LeadId, DateOnly Date);
