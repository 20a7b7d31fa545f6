using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>The chain's lead pool (公海): post, list, claim. Claims race in one grain; exactly one wins.</summary>
public static class PoolApi
{
    /// <summary>Claim refusals (<see cref="ClaimOutcome.Refusal"/>).</summary>
    public const string AlreadyClaimed = "already_claimed";

    /// <summary>The manager reached the daily claim limit.</summary>
    public const string DailyLimit = "daily_limit";

    /// <summary>The manager holds too many claimed-but-undispatched leads.</summary>
    public const string OpenLimit = "open_limit";

    /// <summary>The manager let this lead lapse back to the pool recently.</summary>
    public const string CoolingDown = "cooling_down";

    /// <summary>Maps <c>/api/pool…</c>.</summary>
    public static IEndpointRouteBuilder MapPoolApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var pool = api.MapGroup("/pool").RequireAuthorization(CrmPolicies.Staff).WithTags("Pool")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        pool.MapGet("", ListPool).WithSummary("The pool's leads, claimed or not (masked until claimed by the caller's store; HQ sees all)");
        pool.MapPost("/leads", PostLead)
            .WithSummary("Posts a lead without a store to the pool (hq, supervisor, frontdesk, manager)")
            .ProducesValidationProblem();
        pool.MapPost("/leads/{leadId}/claim", Claim)
            .WithSummary("Claims a pool lead for a manager's store: 200 if won, 409 naming the holder, 429 at a limit")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<PoolLeadView>>> ListPool(HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var leads = await grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).ListAsync();
        return TypedResults.Ok<IReadOnlyList<PoolLeadView>>([.. leads.Select(l => l.For(user))]);
    }

    private static async Task<Created<PoolLeadCreatedResponse>> PostLead(PoolLeadRequest body, HttpContext http, IGrainFactory grains)
    {
        http.Staff().EnsureRole(Access.PoolPosting);
        var pool = grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var posted = await Commands.RunAsync(http, "pool-post", ILeadPoolGrain.ChainKey, null, body.CommandId, id => pool.PostAsync(body.ToContract(), id));
        return TypedResults.Created($"/api/leads/{posted.LeadId}", new PoolLeadCreatedResponse(posted.LeadId, posted.CustomerId));
    }

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Claim(string leadId, ClaimRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(Access.PoolClaiming);
        var managerId = body.ManagerId ?? (user.Role == CrmRoles.Manager ? user.UserId : null)
            ?? throw CrmException.Invalid("managerId", "The managerId field is required: name the manager who claims the lead.");
        user.EnsureSelfWhenManager(managerId);
        var manager = await StaffApi.FindManagerAsync(grains, managerId);
        user.EnsureStore(manager.StoreId);

        var pool = grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);
        var outcome = await Commands.RunAsync(http, "claim", leadId, manager.StoreId, body.CommandId, id => pool.ClaimAsync(leadId, managerId, manager.StoreId, id));
        if (outcome.Claimed)
        {
            return TypedResults.Ok(new ClaimResponse(outcome.LeadId, outcome.StoreId ?? manager.StoreId, outcome.ManagerId ?? managerId, outcome.Conflicts));
        }

        var extensions = new Dictionary<string, object?>
        {
            ["reason"] = outcome.Refusal,
            ["message"] = outcome.Message,
            ["leadId"] = outcome.LeadId,
        };
        switch (outcome.Refusal)
        {
            case DailyLimit or OpenLimit:
                return ApiSetup.Problem(StatusCodes.Status429TooManyRequests, "Claim limit reached", outcome.Message, extensions);
            case CoolingDown:
                extensions["coolingDownUntil"] = outcome.CoolingDownUntil;
                return ApiSetup.Problem(StatusCodes.Status409Conflict, "Cooling down", outcome.Message, extensions);
            default:
                extensions["claimedBy"] = outcome.ClaimedBy;
                return ApiSetup.Problem(StatusCodes.Status409Conflict, "Already claimed", outcome.Message, extensions);
        }
    }
}
