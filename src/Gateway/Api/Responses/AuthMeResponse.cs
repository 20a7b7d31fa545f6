namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>
/// <c>GET /api/auth/me</c>: who the bearer token says the caller is, after the gateway's claim mapping (oidc: the
/// provider's claims named by <c>Auth:Claims:*</c>), so a page shows and uses the same role and store the API enforces.
/// </summary>
/// <param name="UserId">The CRM user id (<c>sub</c>).</param>
/// <param name="Role">The CRM role.</param>
/// <param name="StoreId">The person's store (none for HQ).</param>
public sealed record AuthMeResponse(string UserId, string Role, string? StoreId);
