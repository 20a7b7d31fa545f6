using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>
/// Body of <c>POST /api/staff/{userId}/leave</c> (离职): <c>effective</c> is the store-local date (YYYY-MM-DD) the person
/// leaves; <c>reassignTo</c> names the account manager of the same store who takes a leaving manager's leads, tasks and
/// group (required when they have any).
/// </summary>
public sealed record StaffLeaveRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(10)] string Effective,
    [property: CrmId] string? ReassignTo = null);
