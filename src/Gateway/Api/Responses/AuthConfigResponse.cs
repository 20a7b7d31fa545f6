using System.Text.Json.Serialization;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary><c>GET /api/auth/config</c>: how the staff pages sign in.</summary>
/// <param name="Accounts">builtin (user id and password) or oidc (the chain's provider).</param>
/// <param name="DevTokens">Whether <c>POST /api/dev/token</c> exists (local runs only).</param>
public sealed record AuthConfigResponse(string Accounts, bool DevTokens)
{
    /// <summary>oidc: the provider's issuer URL, where the pages send people to sign in.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Authority { get; init; }

    /// <summary>oidc: the pages' public client id at the provider.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientId { get; init; }

    /// <summary>oidc: the scopes the pages ask for (space-separated).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Scopes { get; init; }
}
