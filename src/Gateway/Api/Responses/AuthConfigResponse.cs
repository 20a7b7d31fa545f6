namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary><c>GET /api/auth/config</c>: how the staff pages sign in.</summary>
/// <param name="Accounts">builtin (user id and password) or oidc (the chain's provider).</param>
/// <param name="DevTokens">Whether <c>POST /api/dev/token</c> exists (local runs only).</param>
public sealed record AuthConfigResponse(string Accounts, bool DevTokens);
