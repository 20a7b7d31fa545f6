using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// One after-sales repair decides its own flow, warranty, callbacks and the tickets its callbacks raise. Deadlines are
/// data in its state (callback windows, task due times); one sweep reminder, registered by every write that records
/// journal events (the acceptance among them) until nothing is pending, opens the callbacks whose window began and records each missed deadline once (DESIGN rule 6).
/// It calls no grain: the project's completion acceptance is read from the journal.
/// </summary>
public sealed class RepairGrain(
    [PersistentState(CrmStorage.Repair, CrmStorage.Provider)] IPersistentState<RepairGrainState> storage,
    GrainContext context,
    RulesOptions rules)
    : DecidingGrain<RepairGrainState>(storage, context), IRepairGrain, IRemindable
{
    /// <summary>The reminder's name (tests deliver it directly).</summary>
    public const string SweepReminder = "sweep";

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken) => CatchUpJournalAsync();

    /// <inheritdoc />
    public Task<RepairView?> GetAsync() => Task.FromResult(State.Repair);

    /// <inheritdoc />
    public Task<RepairView> OpenAsync(OpenRepair command, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(command);

        // The id derives from the command, so an old retry (its command id forgotten) finds the repair it opened.
        if (State.Repair is { } existing)
        {
            return existing.ProjectId == command.ProjectId
                ? existing
                : throw CrmException.Conflict("repairId", $"Repair {Key} belongs to project {existing.ProjectId}.");
        }

        if (RepairIds.ProjectOf(Key) != command.ProjectId)
        {
            throw CrmException.Invalid("projectId", $"Repair id {Key} does not name project {command.ProjectId}.");
        }

        var completedAt = await CompletionAcceptanceAsync(command.ProjectId);
        var repair = RepairRules.Open(Key, command, completedAt, Now, rules.Warranty);
        State = State with { Repair = repair, TimeZone = command.TimeZone };
        RecordRepair(JournalKinds.RepairOpened, repair, command.By, repair.Warranty.Reason);
        return repair;
    }, RepairReplay);

    /// <inheritdoc />
    public Task<RepairView> AssessAsync(AssessRepair command, string? commandId = null) => CommandAsync(commandId, () =>
    {
        var repair = RepairRules.Assess(Existing(), command, Now, State.TimeZone, rules.Warranty);
        Save(repair);
        RecordRepair(JournalKinds.RepairAssessed, repair, command.By, repair.Assessment!.Plan);
        return Task.FromResult(repair);
    }, RepairReplay);

    /// <inheritdoc />
    public Task<RepairView> ScheduleAsync(ScheduleRepair command, string? commandId = null) => CommandAsync(commandId, () =>
    {
        var repair = RepairRules.Schedule(Existing(), command, Now);
        Save(repair);
        RecordRepair(JournalKinds.RepairScheduled, repair, command.By, $"{repair.Schedule!.Technician} at {repair.Schedule.VisitAt:O}");
        return Task.FromResult(repair);
    }, RepairReplay);

    /// <inheritdoc />
    public Task<RepairView> RecordRepairedAsync(string? note, string? by, string? commandId = null) => CommandAsync(commandId, () =>
    {
        var repair = RepairRules.Repaired(Existing(), note, Now);
        Save(repair);
        RecordRepair(JournalKinds.RepairDone, repair, by, repair.Visits[^1].Note);
        return Task.FromResult(repair);
    }, RepairReplay);

    /// <inheritdoc />
    public Task<RepairView> RecordAcceptanceAsync(bool accepted, string? note, string? by, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        var repair = RepairRules.Acceptance(Existing(), accepted, note, Now, rules.Callbacks, State.TimeZone);
        if (accepted)
        {
            // Registered before the write: if the write fails, a reminder with nothing pending unregisters itself.
            await KeepReminderAsync(SweepReminder);
        }

        Save(repair);
        RecordRepair(accepted ? JournalKinds.RepairAccepted : JournalKinds.RepairRejected, repair, by, repair.Visits[^1].CustomerNote);

        // The first callback's window begins now: open it at once rather than at the next tick.
        Sweep();
        return State.Repair!;
    }, RepairReplay);

    /// <inheritdoc />
    public Task<LeadTask> CompleteTaskAsync(string taskId, string? by, string? note, string? commandId = null) => CommandAsync(commandId, () =>
    {
        var repair = Existing();
        var task = repair.Tasks.FirstOrDefault(t => t.TaskId == taskId) ?? throw TaskNotFound(taskId);
        if (task.State != TaskStates.Open)
        {
            throw CrmException.Conflict("taskId", $"Task {taskId} is already {task.State}.");
        }

        var done = Close(task, by, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        FinishIfComplete(by);
        return Task.FromResult(done);
    });

    /// <inheritdoc />
    public Task<ImmutableArray<LeadTask>> ReportProblemAsync(string taskId, CallbackProblem problem, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(problem);
        var repair = Existing();
        var callback = repair.Tasks.FirstOrDefault(t => t.TaskId == taskId) ?? throw TaskNotFound(taskId);
        var (ticket, recheck) = CallbackRules.Problem(callback, repair.Tasks, problem, repair.StoreId, Now, rules.Callbacks);

        // The tickets' deadlines are swept too (a repair whose callbacks were all opened may have stopped its reminder).
        await KeepReminderAsync(SweepReminder);
        Close(callback, problem.By, $"Problem passed to {ticket.AssigneeId}: {problem.Description.Trim()}");
        Record(JournalKinds.CallbackProblem, repair.StoreId, taskId, new CallbackProblemRaised(taskId, Key, ticket.AssigneeId, problem.Description.Trim(), ticket.TaskId!, recheck.TaskId!, problem.By));
        OpenTask(ticket);
        OpenTask(recheck);
        return ImmutableArray.Create(ticket, recheck);
    });

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SweepReminder)
        {
            return;
        }

        await UpdateAsync(() =>
        {
            Sweep();
            return Task.CompletedTask;
        });

        // Activating for this tick appended any journal events a dead activation left (OnActivateAsync); a failed append
        // keeps the reminder until the next tick.
        if (State.PendingJournal.Count > 0)
        {
            await CatchUpJournalAsync();
            return;
        }

        // Nothing pending (or a reminder registered by a command whose write failed): stop until the next deadline.
        if (!Pending())
        {
            await StopReminderAsync(SweepReminder);
        }
    }

    /// <summary>
    /// Everything due by now, once: callbacks whose window began are opened; open tasks past their due time are
    /// recorded as missed (once per task). Running it again changes nothing.
    /// </summary>
    private void Sweep()
    {
        if (State.Repair is not { } repair)
        {
            return;
        }

        var now = Now;
        var due = CallbackRules.DueToOpen(repair.Callbacks, now, TaskAssignees.Service(repair.StoreId));
        if (due.Count > 0)
        {
            var opened = due.Select(d => d.Slot.TaskId).ToHashSet(StringComparer.Ordinal);
            Save(repair with { Callbacks = [.. repair.Callbacks.Select(c => opened.Contains(c.TaskId) ? c with { Opened = true } : c)] });
            foreach (var (_, task) in due)
            {
                OpenTask(task);
            }
        }

        foreach (var task in State.Repair!.Tasks.Where(t => TaskRules.IsOverdue(t.State, t.DueAt, now) && !State.Missed.Contains(t.TaskId!)).ToList())
        {
            Record(JournalKinds.TaskOverdue, repair.StoreId, task.TaskId, new TaskOverdue(task.TaskId!, Key, task.Kind, task.AssigneeId, task.DueAt));
            State = State with { Missed = State.Missed.Add(task.TaskId!) };
        }
    }

    /// <summary>A callback not opened yet, or an open task whose deadline may still be missed.</summary>
    private bool Pending() => State.Repair is { } repair
        && (repair.Callbacks.Any(c => !c.Opened) || repair.Tasks.Any(t => t.State == TaskStates.Open && !State.Missed.Contains(t.TaskId!)));

    /// <summary>
    /// Every write that records events keeps the sweep on, so events whose append died with the silo reach the journal
    /// even if nobody calls the repair again (the sweep stops itself once nothing is pending).
    /// </summary>
    protected override Task JournalRecordedAsync() => KeepReminderAsync(SweepReminder);

    private void OpenTask(LeadTask task)
    {
        var repair = State.Repair!;
        Record(JournalKinds.TaskOpened, repair.StoreId, task.TaskId, new TaskOpened(task.TaskId!, Key, task.Rule ?? task.Kind, task.AssigneeId, task.DueAt, task.Note));
        Save(repair with { Tasks = repair.Tasks.Add(task) });
    }

    private LeadTask Close(LeadTask task, string? by, string? note)
    {
        var repair = State.Repair!;
        var closed = task with { State = TaskStates.Done, ClosedAt = Now, ClosedBy = by, ClosingNote = note };
        Record(JournalKinds.TaskDone, repair.StoreId, task.TaskId, new TaskDone(task.TaskId!, by, note));
        Save(repair with { Tasks = repair.Tasks.Replace(task, closed) });
        return closed;
    }

    private void FinishIfComplete(string? by)
    {
        var repair = State.Repair!;
        if (RepairRules.IsFinished(repair))
        {
            var closed = repair with { State = RepairState.Closed, ClosedAt = Now };
            Save(closed);
            RecordRepair(JournalKinds.RepairClosed, closed, by, null);
        }
    }

    private void Save(RepairView repair) => State = State with { Repair = repair };

    private void RecordRepair(string kind, RepairView repair, string? by, string? note) =>
        Record(kind, repair.StoreId, repair.RepairId, new RepairRecorded(
            repair.RepairId, repair.ProjectId, repair.CustomerId, repair.State, repair.Category, repair.Severity, repair.Warranty.Coverage, repair.ReportedAt, by, note));

    private RepairView Existing() => State.Repair ?? throw CrmException.NotFound("repairId", $"Repair '{Key}' does not exist.");

    private static CrmException TaskNotFound(string taskId) => CrmException.NotFound("taskId", $"Task '{taskId}' does not exist.");

    /// <summary>
    /// When the project's completion was accepted (竣工验收), from the journal: the first <c>project-completed</c> event
    /// of the project, whichever grain recorded it. Null while the project is not completed.
    /// </summary>
    private async Task<DateTimeOffset?> CompletionAcceptanceAsync(string projectId)
    {
        var completed = await Journal.ReadAsync(new JournalQuery([JournalKinds.ProjectCompleted], Subject: projectId, Limit: 1));
        return completed.Count > 0 ? completed[0].At : null;
    }

    /// <summary>A repair command is remembered by the repair's id: a repeat answers with the repair as it is now.</summary>
    private Replay<RepairView> RepairReplay => new(repair => repair.RepairId, _ => Task.FromResult(Existing()));
}
