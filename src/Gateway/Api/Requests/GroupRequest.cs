using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>A design group of a store setup.</summary>
public sealed record GroupRequest(
    [property: Required, CrmId] string ManagerId,
    [property: Required, StringLength(Limits.Name, MinimumLength = 1)] string ManagerName,
    [property: Required, MaxLength(Limits.ListItems)] IReadOnlyList<DesignerRequest> Designers);
