using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>A store's configuration as stored.</summary>
public sealed record StoreView(
    string StoreId,
    string Name,
    string TimeZone,
    Season Season,
    IReadOnlyList<GroupView> Groups,
    IReadOnlyList<string> Rotation,
    DateOnly RotationStart,
    IReadOnlyList<DayOfWeek> RestDays);

/// <summary>A group with its designers' live state.</summary>
public sealed record GroupView(string ManagerId, string ManagerName, IReadOnlyList<DesignerView> Designers);

/// <summary>A designer's live state: rank, presence and the open leads they hold against their cap.</summary>
public sealed record DesignerView(
    string DesignerId,
    string StoreId,
    string ManagerId,
    string Name,
    DesignerLevel Level,
    int Rank,
    bool Present,
    int Cap,
    IReadOnlyList<string> Holding,
    int Refusals);

/// <summary>An account manager.</summary>
public sealed record ManagerView(string ManagerId, string StoreId, string Name, IReadOnlyList<DateOnly> LeaveDays, int OpenClaims);

/// <summary>Who is on duty on a date, and why.</summary>
public sealed record DutyAnswer(DateOnly Date, string? ManagerId, bool IsRestDay, bool IsOverride, string Reason);
