using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// The search box (issue 15): leads and customers by phone (any notation, whole or partial: at least 4 digits), name
/// (at least 2 characters) or running number (<c>#12</c>), answered from the journal's keyed blind index (issue 14)
/// through the reports grain, never by asking the lead grains. Scoped to the caller (HQ and HQ's customer service: every
/// store; everyone else: their store) and masked as the role requires (<see cref="Masking"/>). A search is a customer
/// look-up: it counts against the per-user look-up limit.
/// </summary>
public static class SearchApi
{
    /// <summary>Maps <c>/api/search</c>.</summary>
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGroup("/search").RequireAuthorization(CrmPolicies.Staff).WithTags("Search")
            .MapGet("", Search)
            .WithSummary("Leads and customers of the caller's scope by phone (≥ 4 digits, any notation, partial), name (≥ 2 characters) or running number (#12), masked for the role")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimits.Lookups);
        return api;
    }

    private static async Task<Ok<SearchResponse>> Search(string? q, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        string? storeId = null;
        if (!user.CanSeeStore(null))
        {
            storeId = user.StoreId ?? throw new AccessDeniedException("Only head office searches every store; this token names no store.");
        }

        var hits = await grains.GetGrain<IReportsGrain>(0).SearchAsync(q ?? "", storeId);
        return TypedResults.Ok(new SearchResponse([.. hits
            .Where(h => user.CanSeeStore(h.StoreId))
            .Select(h => h.For(user))
            .Select(h => new SearchResult(h.Kind, h.LeadId, h.CustomerId, h.StoreId, h.RunningNumber, h.Name, h.Phone, h.Status, h.RegisteredAt))]));
    }
}
