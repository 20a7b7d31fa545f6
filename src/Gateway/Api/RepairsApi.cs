using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Enums;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// After-sales repairs (seed 004 售后服务): feedback → assessment → scheduling → repair → customer acceptance (not
/// accepted → scheduled again) → callbacks. Each repair is decided by its own repair grain, found from its id
/// (<see cref="RepairIds"/>: the id names the project, the project its customer); the store's list reads the journal.
/// </summary>
public static class RepairsApi
{
    /// <summary>Maps <c>/api/repairs/…</c> and <c>/api/stores/{storeId}/repairs</c>.</summary>
    public static IEndpointRouteBuilder MapRepairsApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var repairs = api.MapGroup("/repairs").RequireAuthorization(CrmPolicies.Staff).WithTags("Repairs")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        repairs.MapPost("", PostRepair)
            .WithSummary("Opens an after-sales repair of a completed project (service, frontdesk, supervisor, hq): free within the warranty, paid after it; 409 when the project is not completed")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        repairs.MapGet("/{repairId}", GetRepair).WithSummary("A repair: its flow, warranty verdict (and why), visits and callback tasks");
        repairs.MapPost("/{repairId}/assessment", PostAssessment)
            .WithSummary("Assessment: nature, severity, plan; category corrects the reported one (service, pm, supervisor, hq)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        repairs.MapPost("/{repairId}/schedule", PostSchedule)
            .WithSummary("Scheduling: technician, time, customer told (service, pm, supervisor, hq)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        repairs.MapPost("/{repairId}/done", PostDone)
            .WithSummary("The technician did the scheduled repair (service, pm, supervisor, hq)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        repairs.MapPost("/{repairId}/acceptance", PostAcceptance)
            .WithSummary("The customer's acceptance: accepted → callbacks at +3/+10/+30 days; not accepted → back to scheduling (service, pm, supervisor, hq)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGroup("/stores").RequireAuthorization(CrmPolicies.Staff).WithTags("Repairs")
            .MapGet("/{storeId}/repairs", GetStoreRepairs)
            .WithSummary("The store's repairs, newest first, optionally in one state (reported, assessed, scheduled, repaired, accepted, closed)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Created<RepairView>> PostRepair(RepairRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var project = ProjectIds.CustomerOf(body.ProjectId) is { } customerId ? await grains.GetGrain<ICustomerGrain>(customerId).GetProjectAsync(body.ProjectId) : null;
        if (project is null)
        {
            throw CrmException.NotFound("projectId", $"Project '{body.ProjectId}' does not exist.");
        }

        var storeId = project.Owner.StoreId;
        user.EnsureRole(storeId, Access.RepairIntake);
        var store = await StoresApi.FindStoreAsync(grains, storeId);

        // The id follows from who sent which command: a retry reaches the same repair, which answers it again.
        var repairId = RepairIds.For(project.ProjectId, $"{user.Role}:{user.StoreId}:{user.UserId}:{body.CommandId}");
        var command = new OpenRepair(project.ProjectId, project.CustomerId, storeId, store.TimeZone, body.Category!.Value, body.Description.Trim(), body.Severity!.Value, user.UserId);
        var repair = await Commands.RunAsync(http, "repair-open", project.ProjectId, storeId, body.CommandId, id => grains.GetGrain<IRepairGrain>(repairId).OpenAsync(command, id));
        return TypedResults.Created($"/api/repairs/{repair.RepairId}", repair);
    }

    private static async Task<Ok<RepairView>> GetRepair(string repairId, HttpContext http, IGrainFactory grains)
    {
        var repair = await FindAsync(grains, repairId);
        http.Staff().EnsureRole(repair.StoreId, Access.RepairReading);
        return TypedResults.Ok(repair);
    }

    private static Task<Ok<RepairView>> PostAssessment(string repairId, AssessmentRequest body, HttpContext http, IGrainFactory grains) =>
        RunAsync(http, grains, repairId, "repair-assess", body.CommandId, (repair, user, id) =>
            repair.AssessAsync(new AssessRepair(body.Nature.Trim(), body.Severity!.Value, body.Plan.Trim(), body.Category, user.UserId), id));

    private static Task<Ok<RepairView>> PostSchedule(string repairId, ScheduleRequest body, HttpContext http, IGrainFactory grains) =>
        RunAsync(http, grains, repairId, "repair-schedule", body.CommandId, (repair, user, id) =>
            repair.ScheduleAsync(new ScheduleRepair(body.Technician.Trim(), body.VisitAt!.Value, body.CustomerTold!.Value, user.UserId), id));

    private static Task<Ok<RepairView>> PostDone(string repairId, TaskDoneRequest body, HttpContext http, IGrainFactory grains) =>
        RunAsync(http, grains, repairId, "repair-done", body.CommandId, (repair, user, id) => repair.RecordRepairedAsync(body.Note, user.UserId, id));

    private static Task<Ok<RepairView>> PostAcceptance(string repairId, AcceptanceRequest body, HttpContext http, IGrainFactory grains) =>
        RunAsync(http, grains, repairId, "repair-acceptance", body.CommandId, (repair, user, id) => repair.RecordAcceptanceAsync(body.Accepted!.Value, body.Note, user.UserId, id));

    private static async Task<Ok<ImmutableArray<RepairSummary>>> GetStoreRepairs(string storeId, string? state, HttpContext http, IGrainFactory grains)
    {
        http.Staff().EnsureRole(storeId, Access.RepairReading);
        RepairState? wanted = null;
        if (state is not null)
        {
            var names = ApiEnumVocabulary.CanonicalNames(typeof(RepairState));
            var index = names.ToList().FindIndex(n => string.Equals(n, state.Trim(), StringComparison.OrdinalIgnoreCase));
            wanted = index >= 0
                ? Enum.GetValues<RepairState>()[index]
                : throw CrmException.Invalid("state", $"'{state}' is not a repair state: use one of {string.Join(", ", names)}.");
        }

        await StoresApi.FindStoreAsync(grains, storeId);
        return TypedResults.Ok(await grains.GetGrain<IReportsGrain>(0).GetRepairsAsync(storeId, wanted));
    }

    private static async Task<Ok<RepairView>> RunAsync(HttpContext http, IGrainFactory grains, string repairId, string operation, string commandId, Func<IRepairGrain, StaffUser, string, Task<RepairView>> call)
    {
        var user = http.Staff();
        var repair = await FindAsync(grains, repairId);
        user.EnsureRole(repair.StoreId, Access.AfterSales);
        var grain = grains.GetGrain<IRepairGrain>(repairId);
        return TypedResults.Ok(await Commands.RunAsync(http, operation, repairId, repair.StoreId, commandId, id => call(grain, user, id)));
    }

    /// <summary>The repair, or 404 naming <c>repairId</c>.</summary>
    public static async Task<RepairView> FindAsync(IGrainFactory grains, string repairId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return RepairIds.ProjectOf(repairId) is not null && await grains.GetGrain<IRepairGrain>(repairId).GetAsync() is { } repair
            ? repair
            : throw CrmException.NotFound("repairId", $"Repair '{repairId}' does not exist.");
    }
}
