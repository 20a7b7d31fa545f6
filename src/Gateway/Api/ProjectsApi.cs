using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Projects: a customer belongs to the project its first deposit (or a contract without one) opened, until the project
/// is completed or its deposit refunded or forfeited (DOMAIN §5). The customer grain decides, as it decides the first
/// signer, so no two projects of a customer overlap; a project id names its customer.
/// </summary>
public static class ProjectsApi
{
    /// <summary>Maps <c>/api/projects/…</c>.</summary>
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.MapGroup("/projects").RequireAuthorization(CrmPolicies.Staff).WithTags("Projects")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        projects.MapGet("/{projectId}", GetProject).WithSummary("A project: its owner (store, manager, designer, lead), amounts and status");
        projects.MapPost("/{projectId}/complete", PostComplete)
            .WithSummary("Completes the project (supervisor or HQ): the customer is free to sign a new project; 409 when not open or without a contract")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<ProjectView>> GetProject(string projectId, HttpContext http, IGrainFactory grains)
    {
        var project = await FindAsync(grains, projectId);
        http.Staff().EnsureStore(project.Owner.StoreId);
        return TypedResults.Ok(project);
    }

    private static async Task<Ok<ProjectView>> PostComplete(string projectId, CommandRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var project = await FindAsync(grains, projectId);
        user.EnsureRole(project.Owner.StoreId, Access.Ownership);
        var customer = grains.GetGrain<ICustomerGrain>(project.CustomerId);
        var completed = await Commands.RunAsync(http, "complete", projectId, project.Owner.StoreId, body.CommandId, id => customer.CompleteProjectAsync(projectId, user.UserId, id));
        return TypedResults.Ok(completed);
    }

    private static async Task<ProjectView> FindAsync(IGrainFactory grains, string projectId) =>
        ProjectIds.CustomerOf(projectId) is { } customerId && await grains.GetGrain<ICustomerGrain>(customerId).GetProjectAsync(projectId) is { } project
            ? project
            : throw CrmException.NotFound("projectId", $"Project '{projectId}' does not exist.");
}
