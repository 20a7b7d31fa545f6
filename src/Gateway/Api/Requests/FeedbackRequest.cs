using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>
/// Body of <c>POST /api/stores/{storeId}/feedback</c>: the experience feedback form (体验反馈表) of a visitor who wants no
/// consultation. No lead is created; contact details are optional.
/// </summary>
/// <param name="CommandId">Makes the request safe to retry.</param>
/// <param name="Name">The visitor's name, if they gave it.</param>
/// <param name="Phone">The visitor's phone (mobile or landline with area code), if they gave it; normalised.</param>
/// <param name="VisitedAreas">What the visitor looked at (showroom areas, materials, sample flats).</param>
/// <param name="Comments">What they said.</param>
public sealed record FeedbackRequest(
    [property: CommandId] string CommandId,
    [property: StringLength(Limits.Name)] string? Name = null,
    [property: StringLength(Limits.Phone)] string? Phone = null,
    [property: MaxLength(Limits.ListItems)] IReadOnlyList<string>? VisitedAreas = null,
    [property: StringLength(Limits.Note)] string? Comments = null)
{
    /// <summary>The grain contract.</summary>
    public RecordFeedback ToContract() => new(Name, Phone, [.. VisitedAreas ?? []], Comments);
}
