using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// Follow-up tasks of the store's leads: created by rules (the three-day rule), done by their assignee (or the store's
/// supervisor or HQ), completed by a recorded follow-up, cancelled when the lead closes or leaves. The lead keeps its
/// tasks; every change is also a journal event, from which the task lists are read (DESIGN rule 9).
/// </summary>
public sealed partial class StoreGrain
{
    /// <inheritdoc />
    public Task<LeadTask> CompleteTaskAsync(string taskId, string byUserId, string? note, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        EnsureConfigured();
        var leadId = TaskIds.LeadOf(taskId) ?? throw TaskNotFound(taskId);
        if (!State.Leads.TryGetValue(leadId, out var lead))
        {
            // A closed lead's tasks were cancelled with it: known there → 409, otherwise unknown.
            var archived = WasLeadHere(leadId) ? await GrainFactory.GetGrain<ILeadGrain>(leadId).GetAsync() : null;
            throw archived?.Tasks.FirstOrDefault(t => t.TaskId == taskId) is { } closed
                ? CrmException.Conflict("taskId", $"Task {taskId} is {closed.State}: its lead is closed.")
                : TaskNotFound(taskId);
        }

        var task = lead.Tasks.FirstOrDefault(t => t.TaskId == taskId) ?? throw TaskNotFound(taskId);
        if (task.State != TaskStates.Open)
        {
            throw CrmException.Conflict("taskId", $"Task {taskId} is already {task.State}.");
        }

        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        lead = CloseTasks(lead, t => t.TaskId == taskId, TaskStates.Done, byUserId, trimmed);
        UpdateLead(leadId, lead, $"No. {lead.RunningNumber}: task done ({task.Kind})");
        return lead.Tasks.First(t => t.TaskId == taskId);
    });

    private static CrmException TaskNotFound(string? taskId) => CrmException.NotFound("taskId", $"Task '{taskId}' does not exist.");

    /// <summary>Adds tasks a rule created to the lead, each recorded for the task lists.</summary>
    private LeadState OpenTasks(string leadId, LeadState lead, IReadOnlyList<LeadTask> tasks)
    {
        foreach (var task in tasks)
        {
            Record(JournalKinds.TaskOpened, Key, task.TaskId, new TaskOpened(task.TaskId!, leadId, task.Rule ?? task.Kind, task.AssigneeId, task.DueAt, task.Note));
        }

        return tasks.Count == 0 ? lead : lead with { Tasks = lead.Tasks.AddRange(tasks) };
    }

    /// <summary>Closes the lead's open tasks that <paramref name="which"/> selects (done or cancelled), recording each.</summary>
    private LeadState CloseTasks(LeadState lead, Func<LeadTask, bool> which, string state, string? by, string? note)
    {
        var closing = lead.Tasks.Where(t => t.State == TaskStates.Open && t.TaskId is not null && which(t)).ToList();
        if (closing.Count == 0)
        {
            return lead;
        }

        var now = Now;
        var kind = state == TaskStates.Done ? JournalKinds.TaskDone : JournalKinds.TaskCancelled;
        var tasks = lead.Tasks;
        foreach (var task in closing)
        {
            Record(kind, Key, task.TaskId, new TaskDone(task.TaskId!, by, note));
            tasks = tasks.Replace(task, task with { State = state, ClosedAt = now, ClosedBy = by, ClosingNote = note });
        }

        return lead with { Tasks = tasks };
    }

    /// <summary>A lead that closes or leaves the store takes no more follow-ups: its open tasks are cancelled.</summary>
    private LeadState CancelTasks(LeadState lead, string? by, string why) =>
        CloseTasks(lead, _ => true, TaskStates.Cancelled, by, why);
}
