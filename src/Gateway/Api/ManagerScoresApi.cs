using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// The account manager's quarterly score (DOMAIN §8): the facts the supervisor enters, the internal satisfaction survey
/// the store's supervisor and designers answer, and the score with every term's inputs (read from the journal).
/// </summary>
public static class ManagerScoresApi
{
    /// <summary>Who enters a manager's facts: the store's supervisor or HQ.</summary>
    public static readonly string[] FactsEntry = [CrmRoles.Hq, CrmRoles.Supervisor];

    /// <summary>Who answers the survey about a manager: the store's supervisor and its designers.</summary>
    public static readonly string[] Respondents = [CrmRoles.Supervisor, CrmRoles.Designer];

    /// <summary>Who reads a manager's score: HQ, the store's supervisor, and the manager themselves.</summary>
    public static readonly string[] Readers = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Manager];

    /// <summary>Maps <c>/api/managers/{managerId}/facts|scores</c>, <c>/api/stores/{storeId}/manager-scores</c> and <c>/api/surveys</c>.</summary>
    public static IEndpointRouteBuilder MapManagerScoresApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var managers = api.MapGroup("/managers").RequireAuthorization(CrmPolicies.Staff).WithTags("Manager scores")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        managers.MapPut("/{managerId}/facts/{quarter}", PutFacts)
            .WithSummary("Enters what the system cannot know about the manager's quarter (quarter=2026Q4): main-material sales, phone invitations made and succeeded, quarrels (supervisor, hq)");
        managers.MapGet("/{managerId}/scores", GetScores)
            .WithSummary("The manager's quarterly score (quarter=2026Q4, default this quarter): every term with its inputs, bonuses, deductions, total, excellent, and for Q2/Q4 the half-year standing (hq, supervisor, the manager)");

        var stores = api.MapGroup("/stores").RequireAuthorization(CrmPolicies.Staff).WithTags("Manager scores")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        stores.MapGet("/{storeId}/manager-scores", GetStoreScores)
            .WithSummary("Every account manager's quarterly score in the store (quarter=2026Q4, default this quarter), best first (hq, supervisor)");

        var surveys = api.MapGroup("/surveys").RequireAuthorization(CrmPolicies.Staff).WithTags("Manager scores")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        surveys.MapPost("/", PostSurvey)
            .WithSummary("The caller's internal satisfaction form (内部满意度调查表) about a manager of their store for a quarter (supervisor, designer); answering again replaces the caller's form");
        surveys.MapGet("/items", () => TypedResults.Ok(new SurveyItemsResponse(SurveyItems.All, SurveyItems.Answers)))
            .WithSummary("The survey's items with the points of each answer (seed 000: e.g. 16/8/4)");
        return api;
    }

    private static async Task<Ok<ManagerFactsView>> PutFacts(string managerId, string quarter, ManagerFactsRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var manager = await StaffApi.FindManagerAsync(grains, managerId);
        user.EnsureRole(manager.StoreId, FactsEntry);
        var store = await StoresApi.FindStoreAsync(grains, manager.StoreId);
        var q = Quarter.Parse(quarter, "quarter");
        var grain = grains.GetGrain<IManagerQuarterGrain>(IManagerQuarterGrain.KeyOf(managerId, q.ToString()));
        var facts = body.ToContract();
        var view = body.CommandId is { Length: > 0 } commandId
            ? await Commands.RunAsync(http, "manager-facts", managerId, manager.StoreId, commandId, id => grain.SetFactsAsync(manager.StoreId, store.TimeZone, facts, user.UserId, id))
            : await grain.SetFactsAsync(manager.StoreId, store.TimeZone, facts, user.UserId);
        return TypedResults.Ok(view);
    }

    private static async Task<Ok<ManagerScoreCard>> GetScores(string managerId, string? quarter, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var manager = await StaffApi.FindManagerAsync(grains, managerId);
        user.EnsureRole(manager.StoreId, Readers);
        user.EnsureSelfWhenManager(managerId);
        var store = await StoresApi.FindStoreAsync(grains, manager.StoreId);
        var cards = await grains.GetGrain<IReportsGrain>(0).GetManagerScoresAsync(store.StoreId, store.TimeZone, Checked(quarter), ManagersOf(store, managerId));
        return TypedResults.Ok(cards.Single(c => c.ManagerId == managerId));
    }

    private static async Task<Ok<ManagerScoresResponse>> GetStoreScores(string storeId, string? quarter, HttpContext http, IGrainFactory grains)
    {
        http.Staff().EnsureRole(storeId, FactsEntry);
        var store = await StoresApi.FindStoreAsync(grains, storeId);
        var cards = await grains.GetGrain<IReportsGrain>(0).GetManagerScoresAsync(store.StoreId, store.TimeZone, Checked(quarter), ManagersOf(store, null));
        return TypedResults.Ok(new ManagerScoresResponse(storeId, cards.FirstOrDefault()?.Quarter ?? Checked(quarter) ?? "", [.. cards.OrderByDescending(c => c.Total).ThenBy(c => c.ManagerId, StringComparer.Ordinal)]));
    }

    private static async Task<Created<SurveyRecorded>> PostSurvey(SurveyRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(Respondents);
        var manager = await StaffApi.FindManagerAsync(grains, body.ManagerId);
        user.EnsureStore(manager.StoreId);
        if (user.Role == CrmRoles.Designer && await grains.GetGrain<IDesignerGrain>(user.UserId).GetStoreAsync() != manager.StoreId)
        {
            throw new AccessDeniedException($"Designer '{user.UserId}' is not a designer of store '{manager.StoreId}'.");
        }

        var store = await StoresApi.FindStoreAsync(grains, manager.StoreId);
        var q = Quarter.Parse(body.Quarter, "quarter");
        var answers = new SurveyAnswer(user.UserId, user.Role, [.. (body.Answers ?? new Dictionary<string, string>()).Select(a => new SurveyItemAnswer(a.Key, a.Value))]);
        var grain = grains.GetGrain<IManagerQuarterGrain>(IManagerQuarterGrain.KeyOf(body.ManagerId, q.ToString()));
        var recorded = await Commands.RunAsync(http, "survey", $"{body.ManagerId}/{q}", manager.StoreId, body.CommandId, id => grain.AnswerSurveyAsync(manager.StoreId, store.TimeZone, answers, id));
        return TypedResults.Created($"/api/managers/{body.ManagerId}/scores?quarter={q}", recorded);
    }

    /// <summary>The store's managers (the one asked for too, should they have left the setup), for the half-year ranking.</summary>
    private static ImmutableArray<string> ManagersOf(StoreView store, string? managerId)
    {
        var ids = store.Groups.Select(g => g.ManagerId).ToList();
        if (managerId is not null && !ids.Contains(managerId, StringComparer.Ordinal))
        {
            ids.Add(managerId);
        }

        return [.. ids];
    }

    /// <summary>A quarter as written (400 naming <c>quarter</c> otherwise), normalised; null stays null (the current quarter).</summary>
    private static string? Checked(string? quarter) => quarter is null ? null : Quarter.Parse(quarter, "quarter").ToString();
}
