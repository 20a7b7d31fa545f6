using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/dev/token</c>.</summary>
/// <param name="Role">hq, supervisor, frontdesk, manager, designer or display.</param>
/// <param name="StoreId">Required for every role except hq.</param>
/// <param name="UserId">The token's subject (the manager id for a manager, the designer id for a designer); defaults to the role.</param>
public sealed record DevTokenRequest(
    [property: Required, StringLength(32)] string Role,
    [property: CrmId] string? StoreId = null,
    [property: CrmId] string? UserId = null);
