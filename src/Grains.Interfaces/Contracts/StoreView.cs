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
/// <param name="Grade">The quarterly grade (initially from the store's set-up).</param>
/// <param name="Score">The half-month score behind the rank in force (null while the rank is the set-up's).</param>
/// <param name="ScorePeriod">The half month of that score.</param>
/// <param name="RankCorrection">The reason of a supervisor's manual correction of the computed rank, if the rank in force is one.</param>
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
    int Refusals,
    DesignerGrade Grade = DesignerGrade.Ordinary,
    decimal? Score = null,
    string? ScorePeriod = null,
    string? RankCorrection = null);

/// <summary>An account manager: their store, leave days and pool leads claimed and not yet dispatched.</summary>
[GenerateSerializer, Alias("crm.ManagerView")]
public sealed record ManagerView(string ManagerId, string StoreId, string Name, ImmutableArray<DateOnly> LeaveDays, int OpenClaims);

/// <summary>Who is on duty on a date, and why.</summary>
[GenerateSerializer, Alias("crm.DutyAnswer")]
public sealed record DutyAnswer(DateOnly Date, string? ManagerId, bool IsRestDay, bool IsOverride, string Reason);
