using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Projects: a customer belongs to the project its first deposit (or a contract without one) opened, until completion
/// acceptance or a refunded/forfeited deposit (DOMAIN §5) — decided by the customer grain, as it decides the first
/// signer. The project's own work (stages in order, change orders, delays, site visits, callback deadlines) is decided by
/// the project grain (key: the project id, which names its customer). Who may start/accept which stage is the project
/// grain's rule (403 from there); the store scope is checked here.
/// </summary>
public static class ProjectsApi
{
    /// <summary>Change orders: the design team and the project manager of the store, its supervisor or HQ.</summary>
    private static readonly string[] ChangeWork = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Manager, CrmRoles.Designer, CrmRoles.ProjectManager];

    /// <summary>Delay certificates: the construction side.</summary>
    private static readonly string[] DelayWork = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.ProjectManager];

    /// <summary>Site visits: the project's designer, or the store's supervisor or HQ recording it for them.</summary>
    private static readonly string[] SiteVisitWork = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Designer];

    /// <summary>Maps <c>/api/projects/…</c> and <c>/api/stores/{storeId}/projects</c>.</summary>
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.MapGroup("/projects").RequireAuthorization(CrmPolicies.Staff).WithTags("Projects")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        projects.MapGet("/{projectId}", GetProject)
            .WithSummary("A project: customer, store, manager, designer, amounts, status, its stages in order with their state, change orders, delays and site visits");
        projects.MapPost("/{projectId}/complete", PostComplete)
            .WithSummary("Replaced by the completion-acceptance stage: answers 409 (POST …/stages/completion-acceptance/accept)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapPost("/{projectId}/stages/{stage}/start", (string projectId, string stage, StageRequest body, HttpContext http, IGrainFactory grains) =>
                PostStage(projectId, stage, body, http, grains, accept: false))
            .WithSummary("Starts a stage; 409 naming the previous stage when it is not accepted yet. Design stages: manager, designer, supervisor, HQ; construction stages: pm, supervisor, HQ")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapPost("/{projectId}/stages/{stage}/accept", (string projectId, string stage, StageRequest body, HttpContext http, IGrainFactory grains) =>
                PostStage(projectId, stage, body, http, grains, accept: true))
            .WithSummary("Accepts a started stage with the customer (customerSigned: true; the review is the supervisor's approval); completion-acceptance ends the ownership and starts the after-care callbacks")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapPost("/{projectId}/stages/review/send-back", PostSendBack)
            .WithSummary("The supervisor (or HQ) sends the drawings back from review with a reason: the drawings are reopened")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapPost("/{projectId}/changes", PostChange)
            .WithSummary("A change order (description, cost): pending until the customer signs the supplementary agreement")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapPost("/{projectId}/changes/{changeId}/sign", PostSignChange)
            .WithSummary("The customer signed the change order's supplementary agreement; 409 when already signed")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapPost("/{projectId}/delays", PostDelay)
            .WithSummary("A delay certificate (days, reason, customerSigned): pm, supervisor, HQ")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapPost("/{projectId}/site-visits", PostSiteVisit)
            .WithSummary("The designer's site visit (fewer than 3 by completion acceptance is flagged)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGroup("/stores").RequireAuthorization(CrmPolicies.Staff).WithTags("Projects")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .MapGet("/{storeId}/projects", ListStoreProjects)
            .WithSummary("The store's projects (read from the journal), newest first; stage= those at that stage (the first not yet accepted)");
        return api;
    }

    private static async Task<Ok<ProjectDetails>> GetProject(string projectId, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var project = await grains.GetGrain<IProjectGrain>(Checked(projectId)).GetAsync();
        user.EnsureStore(project.StoreId);
        return TypedResults.Ok(user.CanSeeLeadDetails(project.StoreId, project.DesignerId) || user.Role != CrmRoles.Designer
            ? project
            : project with { CustomerName = Masking.Name(project.CustomerName) });
    }

    private static async Task<Ok<ProjectView>> PostComplete(string projectId, CommandRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var project = await FindAsync(grains, projectId);
        user.EnsureRole(project.Owner.StoreId, Access.Ownership);
        throw CrmException.Conflict("projectId", $"Projects are completed by accepting the completion-acceptance stage: POST /api/projects/{projectId}/stages/{ProjectStages.CompletionAcceptance}/accept.");
    }

    private static async Task<Ok<ProjectDetails>> PostStage(string projectId, string stage, StageRequest body, HttpContext http, IGrainFactory grains, bool accept)
    {
        var user = http.Staff();
        var slug = stage.Trim().ToLowerInvariant();
        if (!ProjectStages.All.Contains(slug))
        {
            throw CrmException.Invalid("stage", $"'{stage}' is not a stage: use one of {string.Join(", ", ProjectStages.All)}.");
        }

        var (grain, storeId) = await ProjectOfAsync(grains, projectId, user);
        var command = new StageCommand(slug, user.UserId, user.Role, body.Note?.Trim(), body.CustomerSigned);
        var answer = await Commands.RunAsync(http, accept ? "stage-accept" : "stage-start", $"{projectId}:{slug}", storeId, body.CommandId, id =>
            accept ? grain.AcceptStageAsync(command, id) : grain.StartStageAsync(command, id));
        return TypedResults.Ok(answer);
    }

    private static async Task<Ok<ProjectDetails>> PostSendBack(string projectId, SendBackRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var (grain, storeId) = await ProjectOfAsync(grains, projectId, user);
        var answer = await Commands.RunAsync(http, "review-send-back", projectId, storeId, body.CommandId, id => grain.SendBackAsync(body.Reason.Trim(), user.UserId, user.Role, id));
        return TypedResults.Ok(answer);
    }

    private static async Task<Ok<ChangeOrderView>> PostChange(string projectId, ChangeOrderRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var (grain, storeId) = await ProjectOfAsync(grains, projectId, user, ChangeWork);
        var answer = await Commands.RunAsync(http, "change", projectId, storeId, body.CommandId, id => grain.RequestChangeAsync(new ChangeOrderCommand(body.Description.Trim(), body.Cost!.Value, user.UserId), id));
        return TypedResults.Ok(answer);
    }

    private static async Task<Ok<ChangeOrderView>> PostSignChange(string projectId, string changeId, CommandRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var (grain, storeId) = await ProjectOfAsync(grains, projectId, user, ChangeWork);
        var answer = await Commands.RunAsync(http, "change-sign", $"{projectId}:{changeId}", storeId, body.CommandId, id => grain.SignChangeAsync(changeId, user.UserId, id));
        return TypedResults.Ok(answer);
    }

    private static async Task<Ok<DelayCertificateView>> PostDelay(string projectId, DelayRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var (grain, storeId) = await ProjectOfAsync(grains, projectId, user, DelayWork);
        var answer = await Commands.RunAsync(http, "delay", projectId, storeId, body.CommandId, id => grain.RecordDelayAsync(new DelayCommand(body.Days!.Value, body.Reason.Trim(), user.UserId, body.CustomerSigned), id));
        return TypedResults.Ok(answer);
    }

    private static async Task<Ok<ProjectDetails>> PostSiteVisit(string projectId, SiteVisitRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var grain = grains.GetGrain<IProjectGrain>(Checked(projectId));
        var project = await grain.GetAsync();
        user.EnsureRole(project.StoreId, SiteVisitWork);
        if (user.Role == CrmRoles.Designer && user.UserId != project.DesignerId)
        {
            throw new AccessDeniedException($"Designer '{user.UserId}' is not the designer of project {projectId} ('{project.DesignerId}').");
        }

        var designerId = project.DesignerId ?? user.UserId;
        var answer = await Commands.RunAsync(http, "site-visit", projectId, project.StoreId, body.CommandId, id => grain.RecordSiteVisitAsync(designerId, body.Note, id));
        return TypedResults.Ok(answer);
    }

    private static async Task<Ok<IReadOnlyList<StoreProjectView>>> ListStoreProjects(string storeId, string? stage, HttpContext http, IGrainFactory grains)
    {
        http.Staff().EnsureStore(storeId);
        var slug = stage?.Trim().ToLowerInvariant();
        if (slug is not null && !ProjectStages.All.Contains(slug))
        {
            throw CrmException.Invalid("stage", $"'{stage}' is not a stage: use one of {string.Join(", ", ProjectStages.All)}.");
        }

        await StoresApi.FindStoreAsync(grains, storeId);
        IReadOnlyList<StoreProjectView> found = await grains.GetGrain<IReportsGrain>(0).GetStoreProjectsAsync(storeId, slug);
        return TypedResults.Ok(found);
    }

    /// <summary>The project grain and its store, after the store scope (and, when given, the role) is checked.</summary>
    private static async Task<(IProjectGrain Grain, string StoreId)> ProjectOfAsync(IGrainFactory grains, string projectId, StaffUser user, IReadOnlyCollection<string>? roles = null)
    {
        var project = await FindAsync(grains, projectId);
        if (roles is null)
        {
            user.EnsureStore(project.Owner.StoreId);
        }
        else
        {
            user.EnsureRole(project.Owner.StoreId, roles);
        }

        return (grains.GetGrain<IProjectGrain>(projectId), project.Owner.StoreId);
    }

    private static string Checked(string projectId) => ProjectIds.CustomerOf(projectId) is not null
        ? projectId
        : throw CrmException.NotFound("projectId", $"Project '{projectId}' does not exist.");

    private static async Task<ProjectView> FindAsync(IGrainFactory grains, string projectId) =>
        ProjectIds.CustomerOf(projectId) is { } customerId && await grains.GetGrain<ICustomerGrain>(customerId).GetProjectAsync(projectId) is { } project
            ? project
            : throw CrmException.NotFound("projectId", $"Project '{projectId}' does not exist.");
}
