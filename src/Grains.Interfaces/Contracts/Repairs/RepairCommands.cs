using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// Opens a repair on a project. The gateway found the project (its store and customer) and the store's time zone; the
/// repair grain reads the completion acceptance from the journal itself.
/// </summary>
[GenerateSerializer, Alias("crm.OpenRepair")]
public sealed record OpenRepair(
    string ProjectId,
    string CustomerId,
    string StoreId,
    string TimeZone,
    RepairCategory Category,
    string Description,
    RepairSeverity Severity,
    string? By);

/// <summary>The assessment; <paramref name="Category"/> corrects the reported category (and so the warranty) when given.</summary>
[GenerateSerializer, Alias("crm.AssessRepair")]
public sealed record AssessRepair(string Nature, RepairSeverity Severity, string Plan, RepairCategory? Category, string? By);

/// <summary>A technician and time for the (next) repair visit; the customer must have been told.</summary>
[GenerateSerializer, Alias("crm.ScheduleRepair")]
public sealed record ScheduleRepair(string Technician, DateTimeOffset VisitAt, bool CustomerTold, string? By);

/// <summary>A problem the customer raised on a callback: a ticket for <paramref name="Department"/> and a re-check call.</summary>
[GenerateSerializer, Alias("crm.CallbackProblem")]
public sealed record CallbackProblem(string Department, string Description, string? By);
