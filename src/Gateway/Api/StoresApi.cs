using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>Stores: setup, duty rotation, season, visits and the board snapshot.</summary>
public static class StoresApi
{
    /// <summary>Maps <c>/api/stores/…</c>.</summary>
    public static IEndpointRouteBuilder MapStoresApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var stores = api.MapGroup("/stores").RequireAuthorization(CrmPolicies.Staff).WithTags("Stores")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        stores.MapPut("/{storeId}", PutStore)
            .WithSummary("Creates or updates a store: groups, designers, duty rotation, rest days (hq, supervisor)")
            .ProducesValidationProblem();
        stores.MapGet("/{storeId}", GetStore).WithSummary("A store's configuration and designers' live state");
        stores.MapPut("/{storeId}/duty/{date}", PutDutyOverride)
            .WithSummary("Assigns (overrides) the on-duty manager of a date and hands them that date's unassigned walk-ins; managerId null removes the override (hq, supervisor)")
            .ProducesValidationProblem();
        stores.MapGet("/{storeId}/duty", GetDuty)
            .WithSummary("Who is on duty on a date (default: today in the store's time zone)")
            .ProducesValidationProblem();
        stores.MapPut("/{storeId}/season", PutSeason)
            .WithSummary("Sets normal or peak season (hq, supervisor)")
            .ProducesValidationProblem();
        stores.MapPost("/{storeId}/visits", PostVisit)
            .WithSummary("Registers a visitor (frontdesk, manager, supervisor, hq)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        stores.MapPost("/{storeId}/feedback", PostFeedback)
            .WithSummary("Keeps a visitor's experience feedback form (体验反馈表); no lead is created (frontdesk, manager, supervisor, hq)")
            .ProducesValidationProblem();
        stores.MapGet("/{storeId}/feedback", GetFeedback)
            .WithSummary("The store's feedback forms of a store-local date (default today); contacts masked for designers")
            .ProducesValidationProblem();

        // Wall displays read this one route, so it carries the board policy instead of the staff policy.
        api.MapGroup("/stores").RequireAuthorization(CrmPolicies.Board).WithTags("Stores")
            .MapGet("/{storeId}/board", GetBoard)
            .WithSummary("The dispatch board snapshot with the outbox sequence it reflects (masked for displays)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<StoreView>> PutStore(string storeId, StoreSetupRequest body, HttpContext http, IGrainFactory grains)
    {
        http.Staff().EnsureRole(storeId, Access.Setup);
        var setup = new StoreSetup(
            body.Name.Trim(),
            [.. body.Groups.Select(g => new GroupSetup(
                g.ManagerId,
                g.ManagerName.Trim(),
                [.. g.Designers.Select(d => new DesignerSetup(d.DesignerId, d.Name.Trim(), d.Level!.Value, d.Rank, d.Grade))]))],
            [.. body.Rotation],
            body.RotationStart!.Value,
            body.RestDays is null ? null : [.. body.RestDays],
            body.TimeZone);
        return TypedResults.Ok(await grains.GetGrain<IStoreGrain>(storeId).ConfigureAsync(setup));
    }

    private static async Task<Ok<StoreView>> GetStore(string storeId, HttpContext http, IGrainFactory grains)
    {
        http.Staff().EnsureStore(storeId);
        return TypedResults.Ok(await FindStoreAsync(grains, storeId));
    }

    private static async Task<Ok<DutyAssignedResponse>> PutDutyOverride(string storeId, string date, DutyOverrideRequest body, HttpContext http, IGrainFactory grains)
    {
        http.Staff().EnsureRole(storeId, Access.Setup);
        var day = ApiDates.Parse(date, "date");

        // Idempotent as a PUT: a repeat sets the same override and finds no unassigned walk-in left to hand over.
        var assigned = await grains.GetGrain<IStoreGrain>(storeId).AssignDutyAsync(day, body.ManagerId);
        return TypedResults.Ok(DutyAssignedResponse.From(assigned));
    }

    private static async Task<Ok<DutyResponse>> GetDuty(string storeId, string? date, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        http.Staff().EnsureStore(storeId);
        var day = date is null
            ? ApiDates.Today(time, (await FindStoreAsync(grains, storeId)).TimeZone)
            : ApiDates.Parse(date, "date");
        return TypedResults.Ok(DutyResponse.From(await grains.GetGrain<IStoreGrain>(storeId).GetDutyAsync(day)));
    }

    private static async Task<Ok<SeasonResponse>> PutSeason(string storeId, SeasonRequest body, HttpContext http, IGrainFactory grains)
    {
        http.Staff().EnsureRole(storeId, Access.Setup);
        var season = body.Peak!.Value ? Season.Peak : Season.Normal;
        await grains.GetGrain<IStoreGrain>(storeId).SetSeasonAsync(season);
        return TypedResults.Ok(new SeasonResponse(storeId, season, season == Season.Peak));
    }

    private static async Task<Created<VisitResponse>> PostVisit(string storeId, VisitRequest body, HttpContext http, IGrainFactory grains)
    {
        http.Staff().EnsureRole(storeId, body.IsLateEntry ? Access.LateEntry : Access.Reception);
        var store = grains.GetGrain<IStoreGrain>(storeId);
        var visit = await Commands.RunAsync(http, "visit", storeId, storeId, body.CommandId, id => store.RegisterVisitAsync(body.ToContract(), id));
        return TypedResults.Created($"/api/leads/{visit.LeadId}", VisitResponse.From(visit));
    }

    private static async Task<Created<FeedbackCreatedResponse>> PostFeedback(string storeId, FeedbackRequest body, HttpContext http, IGrainFactory grains)
    {
        http.Staff().EnsureRole(storeId, Access.Reception);
        var store = grains.GetGrain<IStoreGrain>(storeId);
        var recorded = await Commands.RunAsync(http, "feedback", storeId, storeId, body.CommandId, id => store.RecordFeedbackAsync(body.ToContract(), id));
        var date = ApiDates.Write(ApiDates.LocalDate(recorded.At, (await FindStoreAsync(grains, storeId)).TimeZone));
        return TypedResults.Created($"/api/stores/{storeId}/feedback?date={date}", new FeedbackCreatedResponse(recorded.FeedbackId, storeId, recorded.At, date));
    }

    private static async Task<Ok<FeedbackListResponse>> GetFeedback(string storeId, string? date, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        var user = http.Staff();
        user.EnsureRole(storeId, Access.FeedbackReading);
        var day = date is null ? (DateOnly?)null : ApiDates.Parse(date, "date");
        var store = await FindStoreAsync(grains, storeId);
        var local = day ?? ApiDates.Today(time, store.TimeZone);
        var forms = await grains.GetGrain<IReportsGrain>(0).GetStoreFeedbackAsync(storeId, local, store.TimeZone);
        return TypedResults.Ok(new FeedbackListResponse(storeId, ApiDates.Write(local), [.. forms.Select(f => f.For(user))]));
    }

    private static async Task<Ok<BoardSnapshot>> GetBoard(string storeId, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureStore(storeId);
        var board = await grains.GetGrain<IStoreGrain>(storeId).GetBoardAsync();
        return TypedResults.Ok(board.For(user));
    }

    /// <summary>The store's configuration, or 404.</summary>
    public static async Task<StoreView> FindStoreAsync(IGrainFactory grains, string storeId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return await grains.GetGrain<IStoreGrain>(storeId).GetAsync()
            ?? throw CrmException.NotFound("storeId", $"Store '{storeId}' does not exist.");
    }
}
