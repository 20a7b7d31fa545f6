using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// A new person placed in a store (issue 16, <c>POST /api/staff</c>): an account manager leads a new group of their own
/// and joins the end of the duty rotation; a designer joins the group of <paramref name="GroupManagerId"/> with an
/// initial rank and grade (as the store's set-up would give them).
/// </summary>
/// <param name="Role">manager or designer (other roles have no place in the store grain).</param>
[GenerateSerializer, Alias("crm.StaffPlacement")]
public sealed record StaffPlacement(
    string UserId,
    string Name,
    string Role,
    string? GroupManagerId = null,
    DesignerLevel? Level = null,
    int? Rank = null,
    DesignerGrade? Grade = null);
