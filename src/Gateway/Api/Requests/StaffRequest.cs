using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>
/// Body of <c>POST /api/staff</c>: a new person's account and place. <c>groupManagerId</c> is required for designers
/// (the group they join); <c>level</c> (senior, style, finish; default style), <c>rank</c> (default: last in the group)
/// and <c>grade</c> (default ordinary) only for designers. The person must replace <c>initialPassword</c> at first sign-in.
/// </summary>
public sealed record StaffRequest(
    [property: Required, CrmId] string UserId,
    [property: Required, StringLength(Limits.Name, MinimumLength = 1)] string Name,
    [property: Required, StringLength(32)] string Role,
    [property: CrmId] string? StoreId,
    [property: Required, StringLength(256)] string InitialPassword,
    [property: CrmId] string? GroupManagerId = null,
    [property: Range(1, 99)] int? Rank = null,
    DesignerGrade? Grade = null,
    DesignerLevel? Level = null);
