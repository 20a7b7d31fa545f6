using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>PUT /api/stores/{storeId}/duty/{date}</c>: the manager on duty that date; null removes the override.</summary>
public sealed record DutyOverrideRequest([property: CrmId] string? ManagerId);
