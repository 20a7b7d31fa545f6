using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Follow-up tasks that rules create (the three-day rule, a project's callbacks): lists read from the journal through the
/// reports grain; "done" decided by the grain that owns the task, found from the task id alone (<see cref="TaskIds"/>):
/// a lead's task by its store grain (task id → lead id → store), a project's by the project grain.
/// </summary>
public static class TasksApi
{
    /// <summary>Maps <c>/api/tasks/…</c>.</summary>
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var tasks = api.MapGroup("/tasks").RequireAuthorization(CrmPolicies.Staff).WithTags("Tasks")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        tasks.MapGet("", ListTasks)
            .WithSummary("Tasks by due time: one's own; a supervisor the store's (with its escalated tasks flagged); HQ all")
            .ProducesValidationProblem();
        tasks.MapPost("/{taskId}/done", PostDone)
            .WithSummary("Marks a task done (its assignee, the store's supervisor or HQ); 409 when it is not open")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{taskId}/problem", PostProblem)
            .WithSummary("A problem heard on a callback: the callback is done, a ticket for the department is due within 1 h and a re-check call within 24 h; 409 when the task is no open callback or already raised one")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<TaskView>>> ListTasks(string? assignee, string? state, string? storeId, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        if (assignee is not null && !CrmIdAttribute.IsValidId(assignee)
            && !(TaskAssignees.TryParse(assignee, out var team, out var teamStore) && CrmIdAttribute.IsValidId(team) && CrmIdAttribute.IsValidId(teamStore)))
        {
            throw CrmException.Invalid("assignee", CrmIdAttribute.Reason("assignee") + $" A team is written {{team}}:{{storeId}} (a store's service desk: {TaskIds.ServiceDeskPrefix}{{storeId}}).");
        }

        if (storeId is not null && !CrmIdAttribute.IsValidId(storeId))
        {
            throw CrmException.Invalid("storeId", CrmIdAttribute.Reason("storeId"));
        }

        var wanted = state?.Trim().ToLowerInvariant();
        if (wanted is not null && !TaskStates.All.Contains(wanted))
        {
            throw CrmException.Invalid("state", $"Unknown state '{state}'; allowed values: {string.Join(", ", TaskStates.All)}.");
        }

        var reports = grains.GetGrain<IReportsGrain>(0);
        IReadOnlyList<TaskView> found;
        if (user.Role == CrmRoles.Service)
        {
            found = await ServiceTasksAsync(reports, user, assignee, TaskIds.ServiceDeskStore(assignee), storeId, wanted);
        }
        else if (user.IsHq)
        {
            found = await reports.GetTasksAsync(storeId, assignee, wanted);
        }
        else if (user.Role == CrmRoles.Supervisor)
        {
            // The store's tasks; the supervisor's own list also carries the store's escalated ones, flagged.
            user.EnsureStore(storeId ?? user.StoreId);
            var own = assignee is null || assignee == user.UserId;
            found = await reports.GetTasksAsync(user.StoreId, assignee, wanted, escalatedOfStore: own);
        }
        else if (user.Role == CrmRoles.ProjectManager)
        {
            // A project manager works the construction tickets of their store ({department}:{storeId}) besides their own.
            if (assignee is not null && assignee != user.UserId && !user.SeesTeamTask(assignee))
            {
                throw new AccessDeniedException($"The {user.Role} role sees its own and its teams' tasks, not '{assignee}''s.");
            }

            var scope = storeId ?? user.StoreId;
            user.EnsureStore(scope);
            var all = await reports.GetTasksAsync(scope, assignee, wanted);
            found = [.. all.Where(t => t.AssigneeId == user.UserId || user.SeesTeamTask(t.AssigneeId))];
        }
        else
        {
            if (assignee is not null && assignee != user.UserId)
            {
                throw new AccessDeniedException($"The {user.Role} role sees only its own tasks ('{user.UserId}'), not '{assignee}''s.");
            }

            user.EnsureStore(storeId ?? user.StoreId);
            found = await reports.GetTasksAsync(user.StoreId, user.UserId, wanted);
        }

        return TypedResults.Ok(found);
    }

    /// <summary>
    /// Customer service's list: its service desk's tasks (<c>service:{storeId}</c>; HQ's customer service every store's,
    /// or one store's with <c>storeId</c>) and its own; <c>assignee</c> narrows to one desk or to oneself.
    /// </summary>
    private static async Task<IReadOnlyList<TaskView>> ServiceTasksAsync(IReportsGrain reports, StaffUser user, string? assignee, string? desk, string? storeId, string? state)
    {
        var store = user.IsChainService ? storeId : user.StoreId;
        user.EnsureStore(storeId ?? store);
        if (desk is not null)
        {
            user.EnsureStore(desk);
            return await reports.GetServiceDeskTasksAsync(desk, state);
        }

        if (assignee is not null && assignee != user.UserId)
        {
            throw new AccessDeniedException($"The service role sees its own tasks ('{user.UserId}') and its service desk's ({TaskIds.ServiceDeskPrefix}{{storeId}}), not '{assignee}''s.");
        }

        var own = await reports.GetTasksAsync(store, user.UserId, state);
        if (assignee is not null)
        {
            return own;
        }

        var desks = await reports.GetServiceDeskTasksAsync(store, state);
        return [.. own.Concat(desks).OrderBy(t => t.DueAt).ThenBy(t => t.TaskId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A project's task (<c>{projectId}.…</c>) is decided by the project grain: done by its assignee — for a team
    /// (<c>service:{storeId}</c>, a ticket's department) the team's users: any service user of that store or HQ's
    /// customer service, a pm for construction — the store's supervisor or HQ.
    /// </summary>
    private static async Task<Ok<LeadTask>> PostProjectTaskDone(string projectId, string taskId, TaskDoneRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var (project, storeId) = await ProjectTaskAsync(grains, user, projectId, taskId);
        var done = await Commands.RunAsync(http, "task-done", taskId, storeId, body.CommandId, id => project.CompleteTaskAsync(taskId, user.UserId, body.Note?.Trim(), id));
        return TypedResults.Ok(done);
    }

    /// <summary>A project's task, visible to the caller and one they may act on (404 unknown, 403 otherwise).</summary>
    private static async Task<(IProjectGrain Project, string StoreId)> ProjectTaskAsync(IGrainFactory grains, StaffUser user, string projectId, string taskId)
    {
        var project = grains.GetGrain<IProjectGrain>(projectId);
        var task = await project.GetTaskAsync(taskId) ?? throw CrmException.NotFound("taskId", $"Task '{taskId}' does not exist.");
        var storeId = (await project.GetAsync()).StoreId;
        user.EnsureStore(storeId);
        if (!user.CanActOnTask(storeId, task.AssigneeId))
        {
            throw new AccessDeniedException(
                $"Task '{taskId}' is assigned to '{task.AssigneeId}': only they, the store supervisor or HQ may act on it.",
                new Dictionary<string, object?> { ["taskId"] = taskId, ["assigneeId"] = task.AssigneeId });
        }

        return (project, storeId);
    }

    private static async Task<Ok<LeadTask>> PostDone(string taskId, TaskDoneRequest body, HttpContext http, IGrainFactory grains)
    {
        if (TaskIds.ProjectOf(taskId) is { } projectId)
        {
            return await PostProjectTaskDone(projectId, taskId, body, http, grains);
        }

        var user = http.Staff();

        // Tasks of other owners than leads: the owner follows from the task id (task → owner → grain).
        if (RepairIds.OwnsTask(taskId))
        {
            var (repair, _) = await RepairTaskAsync(grains, user, taskId);
            var owner = grains.GetGrain<IRepairGrain>(repair.RepairId);
            return TypedResults.Ok(await Commands.RunAsync(http, "task-done", taskId, repair.StoreId, body.CommandId, id => owner.CompleteTaskAsync(taskId, user.UserId, body.Note?.Trim(), id)));
        }

        var leadId = TaskIds.LeadOf(taskId);
        var lead = leadId is null || !CrmIdAttribute.IsValidId(leadId) ? null : await grains.FindAsync(leadId);
        var task = lead?.Tasks.FirstOrDefault(t => t.TaskId == taskId);
        if (lead?.StoreId is not { } storeId || task is null)
        {
            throw CrmException.NotFound("taskId", $"Task '{taskId}' does not exist.");
        }

        user.EnsureStore(storeId);
        if (!user.IsHq && user.Role != CrmRoles.Supervisor && task.AssigneeId != user.UserId)
        {
            throw new AccessDeniedException(
                $"Task '{taskId}' is assigned to '{task.AssigneeId}': only they, the store supervisor or HQ may mark it done.",
                new Dictionary<string, object?> { ["taskId"] = taskId, ["assigneeId"] = task.AssigneeId });
        }

        var store = grains.GetGrain<IStoreGrain>(storeId);
        var done = await Commands.RunAsync(http, "task-done", taskId, storeId, body.CommandId, id => store.CompleteTaskAsync(taskId, user.UserId, body.Note?.Trim(), id));
        return TypedResults.Ok(done);
    }

    /// <summary>
    /// A problem heard on a callback → a department ticket (due 1 h) and a re-check call (due 24 h), decided by the grain
    /// that owns the callback task. Repairs own theirs; an owner of other callbacks (a project) adds its branch here.
    /// </summary>
    private static async Task<Ok<ImmutableArray<LeadTask>>> PostProblem(string taskId, ProblemRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        if (RepairIds.OwnsTask(taskId))
        {
            var (repair, task) = await RepairTaskAsync(grains, user, taskId);
            var owner = grains.GetGrain<IRepairGrain>(repair.RepairId);
            var raised = await Commands.RunAsync(http, "task-problem", taskId, repair.StoreId, body.CommandId, id => owner.ReportProblemAsync(task.TaskId!, new CallbackProblem(body.Department, body.Description, user.UserId), id));
            return TypedResults.Ok(raised);
        }

        if (TaskIds.ProjectOf(taskId) is { } projectId)
        {
            var (project, storeId) = await ProjectTaskAsync(grains, user, projectId, taskId);
            var raised = await Commands.RunAsync(http, "task-problem", taskId, storeId, body.CommandId, id => project.ReportProblemAsync(taskId, new CallbackProblem(body.Department, body.Description, user.UserId), id));
            return TypedResults.Ok(raised);
        }

        // A lead's task is no callback of a customer in care: known → 409, otherwise unknown.
        var leadId = TaskIds.LeadOf(taskId);
        var lead = leadId is null || !CrmIdAttribute.IsValidId(leadId) ? null : await grains.FindAsync(leadId);
        if (lead?.Tasks.FirstOrDefault(t => t.TaskId == taskId) is not null)
        {
            user.EnsureStore(lead.StoreId);
            throw CrmException.Conflict("taskId", $"Task '{taskId}' is a lead's follow-up, not a callback: only callbacks raise tickets.");
        }

        throw CrmException.NotFound("taskId", $"Task '{taskId}' does not exist.");
    }

    /// <summary>A repair's task, visible to the caller and one they may act on (404 unknown, 403 otherwise).</summary>
    private static async Task<(RepairView Repair, LeadTask Task)> RepairTaskAsync(IGrainFactory grains, StaffUser user, string taskId)
    {
        var repair = await grains.GetGrain<IRepairGrain>(TaskIds.LeadOf(taskId)!).GetAsync();
        var task = repair?.Tasks.FirstOrDefault(t => t.TaskId == taskId);
        if (repair is null || task is null)
        {
            throw CrmException.NotFound("taskId", $"Task '{taskId}' does not exist.");
        }

        user.EnsureStore(repair.StoreId);
        if (!user.CanActOnTask(repair.StoreId, task.AssigneeId))
        {
            throw new AccessDeniedException(
                $"Task '{taskId}' is assigned to '{task.AssigneeId}': only they, the store supervisor or HQ may act on it.",
                new Dictionary<string, object?> { ["taskId"] = taskId, ["assigneeId"] = task.AssigneeId });
        }

        return (repair, task);
    }
}
