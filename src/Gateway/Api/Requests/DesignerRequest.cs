using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>
/// A designer of a group: senior (A6), style or finish; the rank defaults to the position in the group (until the first
/// half-month ranking), the grade (ordinary, excellent, expert) to ordinary (until the first quarterly grading).
/// </summary>
public sealed record DesignerRequest(
    [property: Required, CrmId] string DesignerId,
    [property: Required, StringLength(Limits.Name, MinimumLength = 1)] string Name,
    [property: Required] DesignerLevel? Level,
    [property: Range(1, 99)] int? Rank = null,
    DesignerGrade? Grade = null);
