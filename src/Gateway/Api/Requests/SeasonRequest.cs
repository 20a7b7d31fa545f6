using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>PUT /api/stores/{storeId}/season</c>: peak season (旺季) raises the holding caps.</summary>
public sealed record SeasonRequest([property: Required] bool? Peak);
