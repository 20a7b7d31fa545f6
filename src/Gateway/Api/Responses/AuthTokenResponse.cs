namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>
/// A built-in account's tokens: the access token for <c>Authorization: Bearer</c> (valid <paramref name="ExpiresIn"/>
/// seconds), the refresh token for <c>POST /api/auth/refresh</c>.
/// </summary>
/// <param name="PasswordChangeRequired">True while the account must set its own password (<c>POST /api/auth/password</c>); the access token opens nothing else until then.</param>
public sealed record AuthTokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType, bool PasswordChangeRequired);
