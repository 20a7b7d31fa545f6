namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A signed bearer token.</summary>
public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);
