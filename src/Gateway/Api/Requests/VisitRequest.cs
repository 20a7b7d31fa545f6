using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/stores/{storeId}/visits</c>: a visitor registered by the front desk (客户咨询登记表).</summary>
/// <param name="CommandId">Makes the request safe to retry.</param>
/// <param name="Name">The visitor's name.</param>
/// <param name="Phone">A mainland mobile number in any usual notation; it identifies the customer chain-wide.</param>
/// <param name="Channel">walkIn (default), phone, web, event, referral, partner or batch.</param>
/// <param name="AppointmentWith">The manager who made the appointment; absent for a walk-in (goes to the on-duty manager).</param>
public sealed record VisitRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(Limits.Name, MinimumLength = 1)] string Name,
    [property: Required, StringLength(Limits.Phone, MinimumLength = 1)] string Phone,
    VisitChannel? Channel = null,
    [property: CrmId] string? AppointmentWith = null,
    [property: StringLength(Limits.Name)] string? ReferrerName = null,
    [property: StringLength(Limits.Phone)] string? ReferrerPhone = null,
    [property: StringLength(Limits.Short)] string? Community = null,
    [property: StringLength(Limits.Note)] string? Address = null,
    NeedsRequest? Needs = null)
{
    /// <summary>The grain contract.</summary>
    public RegisterVisit ToContract() => new(
        Name.Trim(),
        Phone,
        Channel ?? VisitChannel.WalkIn,
        AppointmentWith,
        ReferrerName,
        ReferrerPhone,
        Community,
        Address,
        Needs?.ToContract());
}
