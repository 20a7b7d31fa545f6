using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>
/// Body of <c>PUT /api/managers/{managerId}/facts/{quarter}</c>: what the system cannot know about the manager's quarter
/// (the whole set; the latest counts). The system adds what it recorded: consultations, contracts, callbacks, surveys.
/// </summary>
/// <param name="CommandId">Optional: a PUT of the same facts changes nothing anyway.</param>
/// <param name="MainMaterialSales">Main-material output (主材产值, yuan) of the manager's signed consultations.</param>
/// <param name="ProjectOutput">The project output (yuan) to measure it against; omitted: the contract amounts the system recorded for the quarter's signed consultations.</param>
/// <param name="PhoneInvitations">Customers invited by phone (电话邀约客户总数).</param>
/// <param name="InvitedVisits">Of them, those who came (电话回访来访客户数量); at most <paramref name="PhoneInvitations"/>.</param>
/// <param name="Quarrels">Recorded quarrels or complaints (与客户/设计师/其他部门争吵或被投诉): −5 each.</param>
public sealed record ManagerFactsRequest(
    [property: Required, Range(typeof(decimal), "0", "100000000")] decimal? MainMaterialSales,
    [property: Required, Range(0, 100_000)] int? PhoneInvitations,
    [property: Required, Range(0, 100_000)] int? InvitedVisits,
    [property: Required, Range(0, 100)] int? Quarrels,
    [property: Range(typeof(decimal), "0", "1000000000")] decimal? ProjectOutput = null,
    [property: StringLength(500)] string? Note = null,
    [property: StringLength(Validation.CommandIdAttribute.MaxLength)] string? CommandId = null)
{
    /// <summary>The grain contract.</summary>
    public ManagerFacts ToContract() => new(MainMaterialSales!.Value, ProjectOutput, PhoneInvitations!.Value, InvitedVisits!.Value, Quarrels!.Value, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim());
}
