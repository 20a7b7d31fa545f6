using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// The designers' half-month evaluation (DOMAIN §8): the supervisor's facts, the store's ranking by score (each item
/// shown), and running it by hand. Periods are store-local half months written <c>2026-11-H2</c>.
/// </summary>
public static class RankingsApi
{
    /// <summary>Maps <c>/api/stores/{storeId}/rankings…</c> and <c>/api/designers/{designerId}/facts/{period}</c>.</summary>
    public static IEndpointRouteBuilder MapRankingsApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var stores = api.MapGroup("/stores").RequireAuthorization(CrmPolicies.Staff).WithTags("Rankings")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        stores.MapGet("/{storeId}/rankings", GetRanking)
            .WithSummary("The designers' ranking of a half month (period=2026-11-H2, default the current one), each group best first with every score item; before the period has run, a preview from the facts so far (hq, supervisor, manager)");
        stores.MapPost("/{storeId}/rankings/{period}/run", RunRanking)
            .WithSummary("Ranks the store's designers for the half month now, as the sweep does on the 15th and the last day at Rules:Ranking:RunAt; the ranks take effect at the next period's local midnight (hq, supervisor)");

        var designers = api.MapGroup("/designers").RequireAuthorization(CrmPolicies.Staff).WithTags("Rankings")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        designers.MapPut("/{designerId}/facts/{period}", PutFacts)
            .WithSummary("The supervisor's facts of a designer's half month (site satisfaction, phoned own customers, changes asked by customers, disputes, missed duty, fixed deductions); replaces earlier ones (hq, supervisor)");
        return api;
    }

    private static async Task<Ok<RankingReport>> GetRanking(string storeId, string? period, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        http.Staff().EnsureRole(storeId, ReportsApi.Readers);
        var store = await StoresApi.FindStoreAsync(grains, storeId);
        var half = period is null ? HalfMonthPeriod.Of(ApiDates.Today(time, store.TimeZone)) : HalfMonthPeriod.Parse(period, "period");
        return TypedResults.Ok(await grains.GetGrain<IReportsGrain>(0).GetRankingAsync(storeId, half.ToString()));
    }

    private static async Task<Ok<RankingReport>> RunRanking(string storeId, string period, RankingRunRequest? body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(storeId, Access.Setup);
        var half = HalfMonthPeriod.Parse(period, "period");
        await StoresApi.FindStoreAsync(grains, storeId);
        var store = grains.GetGrain<IStoreGrain>(storeId);
        var commandId = body?.CommandId ?? Guid.NewGuid().ToString("N");
        await Commands.RunAsync(http, "ranking-run", $"{storeId}:{half}", storeId, commandId, id => store.RunRankingAsync(half.ToString(), user.UserId, id));
        return TypedResults.Ok(await grains.GetGrain<IReportsGrain>(0).GetRankingAsync(storeId, half.ToString()));
    }

    private static async Task<Ok<DesignerFactsView>> PutFacts(string designerId, string period, DesignerFactsRequest body, HttpContext http, IGrainFactory grains)
    {
        var half = HalfMonthPeriod.Parse(period, "period");
        var designer = await StaffApi.FindDesignerAsync(grains, designerId);
        var user = http.Staff();
        user.EnsureRole(designer.StoreId, Access.Setup);
        var store = grains.GetGrain<IStoreGrain>(designer.StoreId);
        return TypedResults.Ok(await store.SetDesignerFactsAsync(designerId, half.ToString(), body.ToContract(user.UserId)));
    }

}
