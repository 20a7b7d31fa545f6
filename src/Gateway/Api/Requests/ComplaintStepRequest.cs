using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/complaints/{complaintId}/steps</c>; who recorded it comes from the token.</summary>
/// <param name="CommandId">Makes the request safe to retry.</param>
/// <param name="Step">reply-promised, department-notified, customer-told, checked or satisfaction-call.</param>
/// <param name="Note">What was said or done.</param>
/// <param name="Department">department-notified: the department told (required there).</param>
/// <param name="Person">department-notified: the person who will solve it.</param>
/// <param name="Satisfied">satisfaction-call: whether the customer is satisfied (required there); false re-opens the complaint.</param>
public sealed record ComplaintStepRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(Limits.Short, MinimumLength = 1)] string Step,
    [property: StringLength(Limits.Note)] string? Note = null,
    [property: StringLength(Limits.Name)] string? Department = null,
    [property: StringLength(Limits.Name)] string? Person = null,
    bool? Satisfied = null);
