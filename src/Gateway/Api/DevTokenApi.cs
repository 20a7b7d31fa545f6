using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Gateway.Api;

/// <summary><c>POST /api/dev/token</c>: any role for the asking, only when <c>Auth:DevTokens</c> is true (local runs, tests).</summary>
public static class DevTokenApi
{
    /// <summary>Maps the route when dev tokens are enabled; otherwise it does not exist (404).</summary>
    public static IEndpointRouteBuilder MapDevTokenApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        if (!api.ServiceProvider.GetRequiredService<IOptions<CrmAuthOptions>>().Value.DevTokens)
        {
            return api;
        }

        api.MapPost("/dev/token", Issue)
            .AllowAnonymous()
            .WithTags("Dev")
            .WithSummary("Issues a token for any role (Auth:DevTokens only)")
            .ProducesValidationProblem();
        return api;
    }

    private static Ok<DevTokenResponse> Issue(DevTokenRequest body, DevTokenIssuer issuer)
    {
        var role = body.Role.Trim().ToLowerInvariant();
        if (!CrmRoles.All.Contains(role))
        {
            throw CrmException.Invalid("role", $"Unknown role '{body.Role}'; one of {string.Join(", ", CrmRoles.All)}.");
        }

        if (!CrmRoles.ChainWide.Contains(role) && body.StoreId is null)
        {
            throw CrmException.Invalid("storeId", $"The storeId field is required for the {role} role (only {string.Join(" and ", CrmRoles.ChainWide)} span stores).");
        }

        var user = new StaffUser(body.UserId ?? role, role, role == CrmRoles.Hq ? null : body.StoreId);
        var (token, expiresAt) = issuer.Issue(user);
        return TypedResults.Ok(new DevTokenResponse(token, expiresAt));
    }
}
