using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// An after-sales repair (seed 004): the customer's feedback, the assessment, the current schedule, every repair visit
/// with the customer's verdict, whether the warranty covers it (and why), and its callback tasks.
/// </summary>
/// <param name="Category">The category the warranty is decided by: as reported, or as the assessment corrected it.</param>
/// <param name="Severity">As reported, or as assessed.</param>
/// <param name="Schedule">The visit planned now (null before scheduling and after the repair was done).</param>
/// <param name="Visits">Repair visits done, oldest first, each with the customer's acceptance once given.</param>
/// <param name="Tasks">The repair's tasks: callbacks (opened by the sweep when due), and tickets and re-checks a callback raised.</param>
/// <param name="Callbacks">The callback schedule after acceptance (each opens when the previous one is due).</param>
[GenerateSerializer, Alias("crm.RepairView")]
public sealed record RepairView(
    string RepairId,
    string ProjectId,
    string CustomerId,
    string StoreId,
    RepairState State,
    RepairCategory Category,
    RepairSeverity Severity,
    string Description,
    DateTimeOffset ReportedAt,
    string? ReportedBy,
    WarrantyView Warranty,
    RepairAssessment? Assessment,
    RepairSchedule? Schedule,
    ImmutableArray<RepairVisit> Visits,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt,
    ImmutableArray<CallbackSlot> Callbacks,
    ImmutableArray<LeadTask> Tasks);

/// <summary>Whether the warranty covers a repair, and why (DOMAIN §7: free within the warranty period, paid after it).</summary>
/// <param name="CompletedAt">The project's completion acceptance (竣工验收), from the journal.</param>
/// <param name="CompletionDate">Its store-local date.</param>
/// <param name="Years">The warranty that applies to the category (waterproofing has its own).</param>
/// <param name="LastFreeDay">The last store-local day a reported problem is free: the completion date plus <paramref name="Years"/> years.</param>
/// <param name="ReportedOn">The store-local day the customer reported the problem, which decides.</param>
[GenerateSerializer, Alias("crm.WarrantyView")]
public sealed record WarrantyView(
    WarrantyCoverage Coverage,
    RepairCategory Category,
    int Years,
    DateTimeOffset CompletedAt,
    DateOnly CompletionDate,
    DateOnly LastFreeDay,
    DateOnly ReportedOn,
    string Reason);

/// <summary>The assessment (问题评估): nature, severity and the repair plan.</summary>
[GenerateSerializer, Alias("crm.RepairAssessment")]
public sealed record RepairAssessment(string Nature, RepairSeverity Severity, string Plan, RepairCategory Category, DateTimeOffset At, string? By);

/// <summary>A planned repair visit: technician and time, told to the customer (维修安排).</summary>
[GenerateSerializer, Alias("crm.RepairSchedule")]
public sealed record RepairSchedule(string Technician, DateTimeOffset VisitAt, DateTimeOffset CustomerToldAt, DateTimeOffset At, string? By);

/// <summary>A repair visit done, and the customer's verdict on it (维修验收; not accepted → scheduled again).</summary>
[GenerateSerializer, Alias("crm.RepairVisit")]
public sealed record RepairVisit(
    int Number,
    string Technician,
    DateTimeOffset PlannedAt,
    DateTimeOffset RepairedAt,
    string? Note,
    bool? Accepted = null,
    DateTimeOffset? DecidedAt = null,
    string? CustomerNote = null);

/// <summary>One callback of the schedule: its task opens at <paramref name="OpensAt"/> (by the sweep) and is due at <paramref name="DueAt"/>.</summary>
[GenerateSerializer, Alias("crm.CallbackSlot")]
public sealed record CallbackSlot(string TaskId, int Days, DateTimeOffset OpensAt, DateTimeOffset DueAt, bool Opened);
