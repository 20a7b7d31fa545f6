using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/complaints</c>: a complaint or emergency call (顾客救援) logged by the front desk or customer service.</summary>
/// <param name="CommandId">Makes the request safe to retry.</param>
/// <param name="Phone">The caller's phone (mobile or landline with area code); identifies the customer. Or give <paramref name="CustomerId"/>.</param>
/// <param name="CustomerId">The customer's id, when known instead of the phone.</param>
/// <param name="StoreId">The store whose complaint desk handles it.</param>
/// <param name="ProjectId">The project the complaint is about, if any (the "same matter" of repeat complaints).</param>
/// <param name="Channel">phone, visit, web, wechat, callback or other.</param>
/// <param name="Summary">What the customer said.</param>
/// <param name="Emergency">An emergency (顾客救援, e.g. a leak): the same clock, flagged on the board.</param>
public sealed record ComplaintRequest(
    [property: CommandId] string CommandId,
    [property: StringLength(Limits.Phone)] string? Phone,
    [property: CrmId] string? CustomerId,
    [property: Required, CrmId] string StoreId,
    [property: CrmId] string? ProjectId,
    [property: Required, StringLength(Limits.Short, MinimumLength = 1)] string Channel,
    [property: Required, StringLength(Limits.Note, MinimumLength = 1)] string Summary,
    bool Emergency = false);
