using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>A repair in a store's list (read from the journal: its latest event).</summary>
[GenerateSerializer, Alias("crm.RepairSummary")]
public sealed record RepairSummary(
    string RepairId,
    string ProjectId,
    string CustomerId,
    string StoreId,
    RepairState State,
    RepairCategory Category,
    RepairSeverity Severity,
    WarrantyCoverage Coverage,
    DateTimeOffset ReportedAt,
    DateTimeOffset UpdatedAt);
