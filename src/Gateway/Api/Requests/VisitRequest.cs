using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/stores/{storeId}/visits</c>: a visitor registered by the front desk (客户咨询登记表).</summary>
/// <param name="CommandId">Makes the request safe to retry.</param>
/// <param name="Name">The visitor's name.</param>
/// <param name="Phone">A mainland mobile, or a landline with its area code, in any usual notation; it identifies the customer chain-wide.</param>
/// <param name="Channel">walkIn (default), phone, web, event, referral, partner or batch.</param>
/// <param name="AppointmentWith">The manager who made the appointment; absent for a walk-in (goes to the on-duty manager).</param>
/// <param name="ReferrerName">Who referred the customer; required for a referral.</param>
/// <param name="ReferrerPhone">The referrer's phone (mobile or landline with area code), normalised.</param>
/// <param name="Community">The residential community (小区).</param>
/// <param name="RegisteredAt">A paper form entered later (补录, front desk or supervisor): when the visitor really came, at most 7 days back.</param>
/// <param name="PaperNumber">The paper form's number; required with <paramref name="RegisteredAt"/>.</param>
/// <param name="RequestedGrade">The customer asks for a designer of this grade or above: excellent or expert (客户需优秀级以上设计师); the lead records that grade's design fee rate.</param>
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
    NeedsRequest? Needs = null,
    DateTimeOffset? RegisteredAt = null,
    [property: StringLength(Limits.Short)] string? PaperNumber = null,
    DesignerGrade? RequestedGrade = null)
{
    /// <summary>A paper form entered later (补录), which only the front desk and supervisors do.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsLateEntry => RegisteredAt is not null || PaperNumber is not null;

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
        Needs?.ToContract(),
        RegisteredAt,
        PaperNumber,
        RequestedGrade);
}
