using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/pool/leads</c>: a lead without a store, for the chain's pool (公海).</summary>
/// <param name="Source">Where it came from, e.g. the event or the partner's list.</param>
public sealed record PoolLeadRequest(
    [property: CommandId] string CommandId,
    [property: Required, StringLength(Limits.Name, MinimumLength = 1)] string Name,
    [property: Required, StringLength(Limits.Phone, MinimumLength = 1)] string Phone,
    [property: Required] VisitChannel? Channel,
    [property: StringLength(Limits.Short)] string? Source = null,
    [property: StringLength(Limits.Note)] string? Note = null,
    NeedsRequest? Needs = null)
{
    /// <summary>The grain contract.</summary>
    public PostPoolLead ToContract() => new(Name.Trim(), Phone, Channel!.Value, Source, Note, Needs?.ToContract());
}
