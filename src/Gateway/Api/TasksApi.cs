using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Follow-up tasks that rules create (the three-day rule): lists read from the journal through the reports grain;
/// "done" decided by the store grain that owns the task's lead (task id → lead id → store).
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
        return api;
    }

    private static async Task<Ok<IReadOnlyList<TaskView>>> ListTasks(string? assignee, string? state, string? storeId, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        if (assignee is not null && !CrmIdAttribute.IsValidId(assignee))
        {
            throw CrmException.Invalid("assignee", CrmIdAttribute.Reason("assignee"));
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
        if (user.IsHq)
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

    private static async Task<Ok<LeadTask>> PostDone(string taskId, TaskDoneRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
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
}
