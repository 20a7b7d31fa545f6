using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>Account managers' leave and designers' rank and presence; each change goes through the person's store.</summary>
public static class StaffApi
{
    /// <summary>Maps <c>/api/managers/…</c> and <c>/api/designers/…</c>.</summary>
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var managers = api.MapGroup("/managers").RequireAuthorization(CrmPolicies.Staff).WithTags("Staff")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        managers.MapGet("/{managerId}", GetManager).WithSummary("An account manager with their leave days");
        managers.MapPut("/{managerId}/leave/{date}", (string managerId, string date, HttpContext http, IGrainFactory grains) => SetLeave(managerId, date, true, http, grains))
            .WithSummary("Records a leave day: the duty turn passes to the next manager (supervisor, hq, or the manager)")
            .ProducesValidationProblem();
        managers.MapDelete("/{managerId}/leave/{date}", (string managerId, string date, HttpContext http, IGrainFactory grains) => SetLeave(managerId, date, false, http, grains))
            .WithSummary("Cancels a leave day (supervisor, hq, or the manager)")
            .ProducesValidationProblem();

        var designers = api.MapGroup("/designers").RequireAuthorization(CrmPolicies.Staff).WithTags("Staff")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        designers.MapGet("/{designerId}", GetDesigner).WithSummary("A designer: rank, presence, cap and holdings");
        designers.MapPut("/{designerId}/rank", PutRank)
            .WithSummary("Sets the designer's rank inside the group, which sets the holding cap (hq, supervisor); once a ranking has run, a manual correction that needs a reason")
            .ProducesValidationProblem();
        designers.MapPut("/{designerId}/presence", PutPresence)
            .WithSummary("Marks the designer present or absent; absent designers are not eligible (hq, supervisor)")
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<Ok<ManagerView>> GetManager(string managerId, HttpContext http, IGrainFactory grains)
    {
        var manager = await FindManagerAsync(grains, managerId);
        http.Staff().EnsureStore(manager.StoreId);
        return TypedResults.Ok(manager);
    }

    private static async Task<Ok<LeaveResponse>> SetLeave(string managerId, string date, bool onLeave, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var day = ApiDates.Parse(date, "date");
        var manager = await FindManagerAsync(grains, managerId);
        if (user.Role == CrmRoles.Manager)
        {
            user.EnsureSelfWhenManager(managerId);
            user.EnsureStore(manager.StoreId);
        }
        else
        {
            user.EnsureRole(manager.StoreId, Access.Setup);
        }

        await grains.GetGrain<IStoreGrain>(manager.StoreId).SetManagerLeaveAsync(managerId, day, onLeave);
        return TypedResults.Ok(new LeaveResponse(managerId, manager.StoreId, day.ToString(ApiDates.Format, System.Globalization.CultureInfo.InvariantCulture), onLeave));
    }

    private static async Task<Ok<DesignerView>> GetDesigner(string designerId, HttpContext http, IGrainFactory grains)
    {
        var designer = await FindDesignerAsync(grains, designerId);
        http.Staff().EnsureStore(designer.StoreId);
        return TypedResults.Ok(designer);
    }

    private static async Task<Ok<DesignerView>> PutRank(string designerId, RankRequest body, HttpContext http, IGrainFactory grains)
    {
        var designer = await FindDesignerAsync(grains, designerId);
        var user = http.Staff();
        user.EnsureRole(designer.StoreId, Access.Setup);
        await grains.GetGrain<IStoreGrain>(designer.StoreId).CorrectDesignerRankAsync(designerId, body.Rank!.Value, body.Reason, user.UserId);
        return TypedResults.Ok(await FindDesignerAsync(grains, designerId));
    }

    private static async Task<Ok<DesignerView>> PutPresence(string designerId, PresenceRequest body, HttpContext http, IGrainFactory grains)
    {
        var designer = await FindDesignerAsync(grains, designerId);
        http.Staff().EnsureRole(designer.StoreId, Access.Setup);
        await grains.GetGrain<IStoreGrain>(designer.StoreId).SetDesignerPresenceAsync(designerId, body.Present!.Value);
        return TypedResults.Ok(await FindDesignerAsync(grains, designerId));
    }

    /// <summary>The manager (their store from the directory, the rest from the store, open claims from the pool), or 404.</summary>
    public static async Task<ManagerView> FindManagerAsync(IGrainFactory grains, string managerId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var manager = await grains.GetGrain<IAccountManagerGrain>(managerId).GetStoreAsync() is { } storeId
            ? await grains.GetGrain<IStoreGrain>(storeId).GetManagerAsync(managerId)
            : null;
        if (manager is null)
        {
            throw CrmException.NotFound("managerId", $"Account manager '{managerId}' does not exist.");
        }

        var claims = await grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).GetManagerClaimsAsync(managerId);
        return manager with { OpenClaims = claims.OpenClaims };
    }

    /// <summary>The designer (their store from the directory, the rest from the store), or 404.</summary>
    public static async Task<DesignerView> FindDesignerAsync(IGrainFactory grains, string designerId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var designer = await grains.GetGrain<IDesignerGrain>(designerId).GetStoreAsync() is { } storeId
            ? await grains.GetGrain<IStoreGrain>(storeId).GetDesignerAsync(designerId)
            : null;
        return designer ?? throw CrmException.NotFound("designerId", $"Designer '{designerId}' does not exist.");
    }
}
