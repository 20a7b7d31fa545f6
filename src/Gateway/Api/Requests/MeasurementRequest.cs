using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/leads/{leadId}/measurement</c> (量房), with the measurement fee collected if any.</summary>
public sealed record MeasurementRequest(
    [property: CommandId] string CommandId,
    [property: Amount] decimal? Fee = null);
