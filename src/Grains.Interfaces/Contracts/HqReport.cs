namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// The HQ report (总部报表): per store and per design group, the last <see cref="WeekCount"/> store-local weeks and
/// their totals, read from the journal. <see cref="Chain"/> adds up every store listed (by week name).
/// </summary>
/// <param name="StoreId">The one store asked for, or null for the whole chain.</param>
[GenerateSerializer, Alias("crm.HqReport")]
public sealed record HqReport(string? StoreId, int WeekCount, DateTimeOffset GeneratedAt, HqSeries Chain, ImmutableArray<HqStore> Stores);

/// <summary>One store: its figures, its groups' figures.</summary>
[GenerateSerializer, Alias("crm.HqStore")]
public sealed record HqStore(string StoreId, string? Name, string TimeZone, HqSeries Figures, ImmutableArray<HqGroup> Groups);

/// <summary>
/// One design group, named by its account manager (null <see cref="ManagerId"/>: leads no manager had yet, e.g.
/// walk-ins of an unassigned rest day). Complaints belong to the store, not to a group: a group's are 0.
/// </summary>
[GenerateSerializer, Alias("crm.HqGroup")]
public sealed record HqGroup(string? ManagerId, string? ManagerName, HqSeries Figures);

/// <summary>Totals over the weeks, and each week (oldest first).</summary>
[GenerateSerializer, Alias("crm.HqSeries")]
public sealed record HqSeries(HqFigures Totals, ImmutableArray<HqWeek> Weeks);

/// <summary>One store-local ISO week (Monday to Sunday): <c>2026-W49</c>, its Monday, its figures.</summary>
[GenerateSerializer, Alias("crm.HqWeek")]
public sealed record HqWeek(string Week, DateOnly Monday, HqFigures Figures);

/// <summary>
/// The figures of a period. Activity is counted when it happened: <see cref="Leads"/> (visits registered, at the time
/// the visitor came, and pool leads claimed), <see cref="Dispatches"/> by kind, <see cref="Lost"/>/<see cref="Invalid"/>
/// closes and their reasons, <see cref="Complaints"/> received and <see cref="Breaches"/> (complaint deadlines missed).
/// Conversion is counted for the leads that came in the period (a cohort), whenever it happened since:
/// <see cref="Measured"/> (量房), <see cref="Deposits"/> (交订金), <see cref="Contracts"/> (签单) and the rates, each a
/// percentage of <see cref="Leads"/> with one decimal (0 without leads).
/// </summary>
[GenerateSerializer, Alias("crm.HqFigures")]
public sealed record HqFigures(
    int Leads,
    int Dispatches,
    ImmutableArray<HqKindCount> DispatchesByKind,
    int Measured,
    int Deposits,
    int Contracts,
    decimal ContractAmount,
    double MeasurementRate,
    double DepositRate,
    double ContractRate,
    int Lost,
    int Invalid,
    ImmutableArray<ReasonCount> LostReasons,
    int Complaints,
    int Breaches,
    ImmutableArray<StepCount> BreachesByStep);

/// <summary>How many dispatches were of one kind (own-group, cross-group, return-customer, override).</summary>
[GenerateSerializer, Alias("crm.HqKindCount")]
public sealed record HqKindCount(string Kind, int Count);
