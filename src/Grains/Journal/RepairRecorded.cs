using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of every repair event (<see cref="JournalKinds.Repair"/>): the repair's facts after the step.</summary>
public sealed record RepairRecorded(
    string RepairId,
    string ProjectId,
    string CustomerId,
    RepairState State,
    RepairCategory Category,
    RepairSeverity Severity,
    WarrantyCoverage Coverage,
    DateTimeOffset ReportedAt,
    string? By,
    string? Note);
