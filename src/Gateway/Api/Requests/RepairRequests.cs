using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/repairs</c>: a completed project's customer reports a problem (售后反馈).</summary>
/// <param name="Category">waterproofing, plumbing, electrical, carpentry, tiling, painting or other (waterproofing has its own warranty).</param>
/// <param name="Severity">low, medium, high or urgent.</param>
public sealed record RepairRequest(
    [property: CommandId] string CommandId,
    [property: Required, CrmId] string ProjectId,
    [property: Required] RepairCategory? Category,
    [property: Required, StringLength(Limits.Note, MinimumLength = 1)] string Description,
    [property: Required] RepairSeverity? Severity);

/// <summary>Body of <c>POST /api/repairs/{repairId}/assessment</c>: nature, severity and plan (问题评估); <c>category</c> corrects the reported one.</summary>
public sealed record AssessmentRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(Limits.Note, MinimumLength = 1)] string Nature,
    [property: Required] RepairSeverity? Severity,
    [property: Required, StringLength(Limits.Note, MinimumLength = 1)] string Plan,
    RepairCategory? Category = null);

/// <summary>Body of <c>POST /api/repairs/{repairId}/schedule</c>: technician and time, and that the customer was told (维修安排).</summary>
public sealed record ScheduleRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(Limits.Name, MinimumLength = 1)] string Technician,
    [property: Required] DateTimeOffset? VisitAt,
    [property: Required] bool? CustomerTold);

/// <summary>Body of <c>POST /api/repairs/{repairId}/acceptance</c>: the customer's verdict (维修验收); not accepted → scheduled again.</summary>
public sealed record AcceptanceRequest(
    [property: CommandId] string CommandId,
    [property: Required] bool? Accepted,
    [property: StringLength(Limits.Note)] string? Note = null);

/// <summary>
/// Body of <c>POST /api/tasks/{taskId}/problem</c>: a problem heard on a callback becomes a ticket for the department
/// (due within 1 h) and a re-check call (due within 24 h).
/// </summary>
/// <param name="Department">construction, design, after-sales, materials, finance or other.</param>
public sealed record ProblemRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(Limits.Short, MinimumLength = 1)] string Department,
    [property: Required, StringLength(Limits.Note, MinimumLength = 1)] string Description);
