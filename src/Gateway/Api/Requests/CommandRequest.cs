using Orleans.Crm.Gateway.Api.Validation;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>A command with nothing but its id (e.g. <c>POST /api/leads/{leadId}/fee-handed</c>).</summary>
public sealed record CommandRequest([property: CommandId] string CommandId);
