using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>PUT /api/stores/{storeId}</c>: the store's groups, duty rotation and rest days.</summary>
/// <param name="Name">The store's name.</param>
/// <param name="Groups">The design groups: one account manager and their designers each.</param>
/// <param name="Rotation">Manager ids in duty order.</param>
/// <param name="RotationStart">The first day of the rotation (YYYY-MM-DD): the first manager is on duty that day.</param>
/// <param name="RestDays">Weekly rest days, e.g. ["Monday"]; default Monday, [] for none.</param>
/// <param name="TimeZone">IANA time zone of the store's calendar (default Asia/Shanghai).</param>
public sealed record StoreSetupRequest(
    [property: Required, StringLength(Limits.Name, MinimumLength = 1)] string Name,
    [property: Required, MinLength(1), MaxLength(Limits.ListItems)] IReadOnlyList<GroupRequest> Groups,
    [property: Required, MinLength(1), MaxLength(Limits.ListItems), CrmIdList] IReadOnlyList<string> Rotation,
    [property: Required] DateOnly? RotationStart,
    [property: MaxLength(7)] IReadOnlyList<DayOfWeek>? RestDays = null,
    [property: StringLength(64)] string? TimeZone = null);
