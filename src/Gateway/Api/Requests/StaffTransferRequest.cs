using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>
/// Body of <c>POST /api/staff/{userId}/transfer</c> (调店/调组): the store the person works in from now on
/// (<c>storeId</c>; their own store with another <c>groupManagerId</c> moves a designer between groups);
/// <c>groupManagerId</c> is the group a designer joins there (required for designers, refused for other roles);
/// <c>reassignTo</c> names the account manager of the old store who takes a moving manager's leads, tasks and group.
/// </summary>
public sealed record StaffTransferRequest(
    [property: CommandId] string CommandId,
    [property: Required, CrmId] string StoreId,
    [property: CrmId] string? GroupManagerId = null,
    [property: CrmId] string? ReassignTo = null);
