using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>A store's configuration as stored.</summary>
[GenerateSerializer, Alias("crm.StoreView")]
public sealed record StoreView(
    string StoreId,
    string Name,
    string TimeZone,
    Season Season,
    ImmutableArray<GroupView> Groups,
    ImmutableArray<string> Rotation,
    DateOnly RotationStart,
    ImmutableArray<DayOfWeek> RestDays);

/// <summary>A group with its designers' live state.</summary>
[GenerateSerializer, Alias("crm.GroupView")]
public sealed record GroupView(string ManagerId, string ManagerName, ImmutableArray<DesignerView> Designers);

/// <summary>A designer's live state: rank, presence and the open leads they hold against their cap.</summary>
[GenerateSerializer, Alias("crm.DesignerView")]
public sealed record DesignerView(
    string DesignerId,
    string StoreId,
    string ManagerId,
    string Name,
    DesignerLevel Level,
    int Rank,
    bool Present,
    int Cap,
    ImmutableArray<string> Holding,
    int Refusals);

/// <summary>An account manager: their store, leave days and pool leads claimed and not yet dispatched.</summary>
[GenerateSerializer, Alias("crm.ManagerView")]
public sealed record ManagerView(string ManagerId, string StoreId, string Name, ImmutableArray<DateOnly> LeaveDays, int OpenClaims);

/// <summary>Who is on duty on a date, and why.</summary>
[GenerateSerializer, Alias("crm.DutyAnswer")]
public sealed record DutyAnswer(DateOnly Date, string? ManagerId, bool IsRestDay, bool IsOverride, string Reason);
