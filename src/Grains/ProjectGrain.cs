using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// A project after the deposit: its stages (each accepted with the customer before the next starts), change orders,
/// delay certificates, the designer's site visits and its callback deadlines. The customer grain stays the decider of
/// ownership: this grain reads the customer's project on every call (it exists when the customer says so — no notice to
/// lose) and asks the customer to end the ownership at completion acceptance. The customer never calls a project, so
/// awaiting it here makes no cycle (DESIGN rule 7). Deadlines are data in this state, opened by one sweep reminder that
/// runs while any is ahead (DESIGN rule 6); opening a task twice is impossible by its id.
/// </summary>
public sealed class ProjectGrain(
    [PersistentState(CrmStorage.Project, CrmStorage.Provider)] IPersistentState<ProjectState> storage,
    GrainContext context,
    RulesOptions rules)
    : DecidingGrain<ProjectState>(storage, context), IProjectGrain, IRemindable
{
    private const string SweepReminder = "sweep";

    private string? _key;

    private string Key => _key ??= this.GetPrimaryKeyString();

    /// <summary>A repeat of a project command answers with the project as it is now.</summary>
    private Replay<ProjectDetails> DetailsReplay => new(_ => "project", _ => GetAsync());

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken) => CatchUpJournalAsync();

    /// <inheritdoc />
    public async Task<ProjectDetails> GetAsync()
    {
        var project = await CustomerProjectAsync();
        var name = (await Customer(project.CustomerId).GetAsync())?.Name;
        return Details(project, name);
    }

    /// <inheritdoc />
    public Task<ProjectDetails> StartStageAsync(StageCommand command, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(command);
        var project = await ActiveProjectAsync();
        State = State with { Stages = StageRules.Start(State.Stages, command, Now) };
        Record(JournalKinds.ProjectStage, State.StoreId, Key, new ProjectStageChanged(Key, command.Stage, StageStates.Started, command.ByUserId, command.Note, command.CustomerSigned));
        if (command.Stage == ProjectStages.CrewIn && State.SiteStartedAt is null)
        {
            // The site has started: the manager's weekly callbacks run from now until completion acceptance.
            State = State with { SiteStartedAt = Now };
            await OpenDueAsync();
        }

        return Details(project, null);
    }, DetailsReplay);

    /// <inheritdoc />
    public Task<ProjectDetails> AcceptStageAsync(StageCommand command, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(command);
        var project = await ActiveProjectAsync();
        State = State with { Stages = StageRules.Accept(State.Stages, command, Now, project.ContractAt is not null) };
        Record(JournalKinds.ProjectStage, State.StoreId, Key, new ProjectStageChanged(Key, command.Stage, StageStates.Accepted, command.ByUserId, command.Note, command.CustomerSigned));
        if (command.Stage == ProjectStages.CompletionAcceptance)
        {
            project = await EndOwnershipAsync(project, command.ByUserId);
            State = State with
            {
                CompletedAt = Now,
                SiteVisitsFlagged = State.SiteVisits.Count < rules.MinimumSiteVisits,
                Scheduled = [.. CallbackRules.Aftercare(Key, State.StoreId, Now, State.TimeZone, rules.Callbacks.Days)],
            };
            await OpenDueAsync();
        }

        return Details(project, null);
    }, DetailsReplay);

    /// <inheritdoc />
    public Task<ProjectDetails> SendBackAsync(string reason, string byUserId, string role, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        var project = await ActiveProjectAsync();
        State = State with { Stages = StageRules.SendBack(State.Stages, reason, role, Now) };
        Record(JournalKinds.ProjectStage, State.StoreId, Key, new ProjectStageChanged(Key, ProjectStages.Review, "sent-back", byUserId, reason.Trim(), false));
        return Details(project, null);
    }, DetailsReplay);

    /// <inheritdoc />
    public Task<ChangeOrderView> RequestChangeAsync(ChangeOrderCommand command, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Description))
        {
            throw CrmException.Invalid("description", "A change order needs a description.");
        }

        await ActiveProjectAsync();
        var change = new ChangeOrderView($"c{State.Changes.Count + 1}", command.Description.Trim(), command.Cost, ChangeOrderStates.Pending, Now, command.ByUserId, null, null);
        State = State with { Changes = State.Changes.Add(change) };
        Record(JournalKinds.ProjectChange, State.StoreId, Key, new ProjectChangeRecorded(Key, change.ChangeId, change.State, change.Description, change.Cost, command.ByUserId));
        return change;
    }, new Replay<ChangeOrderView>(c => c.ChangeId, id => Task.FromResult(State.Changes.First(c => c.ChangeId == id))));

    /// <inheritdoc />
    public Task<ChangeOrderView> SignChangeAsync(string changeId, string byUserId, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        await ActiveProjectAsync();
        var change = State.Changes.Find(c => c.ChangeId == changeId) ?? throw CrmException.NotFound("changeId", $"Change order '{changeId}' does not exist on project {Key}.");
        if (change.State != ChangeOrderStates.Pending)
        {
            throw CrmException.Conflict("changeId", $"Change order {changeId} is already {change.State}.");
        }

        var signed = change with { State = ChangeOrderStates.Signed, SignedAt = Now, SignedBy = byUserId };
        State = State with { Changes = State.Changes.Replace(change, signed) };
        Record(JournalKinds.ProjectChange, State.StoreId, Key, new ProjectChangeRecorded(Key, changeId, signed.State, signed.Description, signed.Cost, byUserId));
        return signed;
    }, new Replay<ChangeOrderView>(c => c.ChangeId, id => Task.FromResult(State.Changes.First(c => c.ChangeId == id))));

    /// <inheritdoc />
    public Task<DelayCertificateView> RecordDelayAsync(DelayCommand command, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Days < 1)
        {
            throw CrmException.Invalid("days", "A delay certificate delays by at least 1 day.");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw CrmException.Invalid("reason", "A delay certificate needs a reason.");
        }

        await ActiveProjectAsync();
        var delay = new DelayCertificateView($"d{State.Delays.Count + 1}", command.Days, command.Reason.Trim(), Now, command.ByUserId, command.CustomerSigned);
        State = State with { Delays = State.Delays.Add(delay) };
        return delay;
    }, new Replay<DelayCertificateView>(d => d.DelayId, id => Task.FromResult(State.Delays.First(d => d.DelayId == id))));

    /// <inheritdoc />
    public Task<ProjectDetails> RecordSiteVisitAsync(string designerId, string? note, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        var project = await ActiveProjectAsync();
        if (State.CompletedAt is not null)
        {
            throw CrmException.Conflict("projectId", $"Project {Key} has passed completion acceptance: site visits count until then.");
        }

        State = State with { SiteVisits = State.SiteVisits.Add(new SiteVisitView(designerId, Now, string.IsNullOrWhiteSpace(note) ? null : note.Trim())) };
        return Details(project, null);
    }, DetailsReplay);

    /// <inheritdoc />
    public Task<LeadTask?> GetTaskAsync(string taskId) => Task.FromResult(State.Tasks.Find(t => t.TaskId == taskId));

    /// <inheritdoc />
    public Task<LeadTask> CompleteTaskAsync(string taskId, string byUserId, string? note, string? commandId = null) => CommandAsync(commandId, () =>
    {
        var task = State.Tasks.Find(t => t.TaskId == taskId) ?? throw CrmException.NotFound("taskId", $"Task '{taskId}' does not exist.");
        if (task.State != TaskStates.Open)
        {
            throw CrmException.Conflict("taskId", $"Task {taskId} is already {task.State}.");
        }

        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var done = task with { State = TaskStates.Done, ClosedAt = Now, ClosedBy = byUserId, ClosingNote = trimmed };
        State = State with { Tasks = State.Tasks.Replace(task, done) };
        Record(JournalKinds.TaskDone, State.StoreId, taskId, new TaskDone(taskId, byUserId, trimmed));
        return Task.FromResult(done);
    }, new Replay<LeadTask>(t => t.TaskId, id => Task.FromResult(State.Tasks.First(t => t.TaskId == id))));

    /// <inheritdoc />
    public Task<ImmutableArray<LeadTask>> ReportProblemAsync(string taskId, CallbackProblem problem, string? commandId = null) => CommandAsync(commandId, () =>
    {
        ArgumentNullException.ThrowIfNull(problem);
        var callback = State.Tasks.Find(t => t.TaskId == taskId) ?? throw CrmException.NotFound("taskId", $"Task '{taskId}' does not exist.");
        var (ticket, recheck) = CallbackRules.Problem(callback, State.Tasks, problem, State.StoreId, Now, rules.Callbacks);
        var description = problem.Description.Trim();
        var note = $"Problem passed to {ticket.AssigneeId}: {description}";
        var closed = callback with { State = TaskStates.Done, ClosedAt = Now, ClosedBy = problem.By, ClosingNote = note };
        Record(JournalKinds.TaskDone, State.StoreId, taskId, new TaskDone(taskId, problem.By, note));
        Record(JournalKinds.CallbackProblem, State.StoreId, taskId, new CallbackProblemRaised(taskId, Key, ticket.AssigneeId, description, ticket.TaskId!, recheck.TaskId!, problem.By));
        foreach (var task in new[] { ticket, recheck })
        {
            Record(JournalKinds.TaskOpened, State.StoreId, task.TaskId, new TaskOpened(task.TaskId!, Key, task.Rule ?? task.Kind, task.AssigneeId, task.DueAt, task.Note));
        }

        State = State with { Tasks = State.Tasks.Replace(callback, closed).Add(ticket).Add(recheck) };
        return Task.FromResult(ImmutableArray.Create(ticket, recheck));
    });

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SweepReminder || !State.Opened)
        {
            return;
        }

        // Everything due, in one write: Orleans skips missed ticks, so one sweep catches up on all of it, and a second
        // finds every task already opened (by id) and the schedule emptied.
        await UpdateAsync(OpenDueAsync);

        // Activating for this tick appended any journal events a dead activation left (OnActivateAsync); a failed append
        // keeps the reminder until the next tick.
        if (State.PendingJournal.Count > 0)
        {
            await CatchUpJournalAsync();
            return;
        }

        if (!HasDeadlines() && State.ReminderOn)
        {
            await StopReminderAsync(SweepReminder);
        }
    }

    private ICustomerGrain Customer(string customerId) => GrainFactory.GetGrain<ICustomerGrain>(customerId);

    /// <summary>The customer's project of this id (the decider of its existence and ownership), or 404.</summary>
    private async Task<ProjectView> CustomerProjectAsync() =>
        ProjectIds.CustomerOf(Key) is { } customerId && await Customer(customerId).GetProjectAsync(Key) is { } project
            ? project
            : throw CrmException.NotFound("projectId", $"Project '{Key}' does not exist.");

    /// <summary>The project, refused when its deposit was refunded or forfeited; the first command opens this grain's state.</summary>
    private async Task<ProjectView> ActiveProjectAsync()
    {
        var project = await CustomerProjectAsync();
        if (project.Status == ProjectStatus.Released)
        {
            throw CrmException.Conflict("projectId", $"Project {Key} was released ({project.EndReason}): it has no stages to work.");
        }

        if (!State.Opened)
        {
            var store = await GrainFactory.GetGrain<IStoreGrain>(project.Owner.StoreId).GetAsync();
            State = State with
            {
                Opened = true,
                CustomerId = project.CustomerId,
                StoreId = project.Owner.StoreId,
                ManagerId = project.Owner.ManagerId,
                DesignerId = project.Owner.DesignerId,
                TimeZone = store?.TimeZone ?? State.TimeZone,
                Stages = StageRules.Initial(),
            };
        }

        return project;
    }

    /// <summary>
    /// Completion acceptance ends the ownership, decided by the customer grain (which records <c>project-completed</c>).
    /// Asked with a command id of this project's own, so a repeat after this grain's write failed is answered, not refused;
    /// a project the customer already completed (a repeat after the customer forgot the command) is taken as done.
    /// </summary>
    private async Task<ProjectView> EndOwnershipAsync(ProjectView project, string byUserId)
    {
        if (project.Status == ProjectStatus.Completed)
        {
            return project;
        }

        CrmException refusal;
        try
        {
            return await Customer(project.CustomerId).CompleteProjectAsync(Key, byUserId, $"project:{Key}:completion-acceptance");
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.Conflict)
        {
            refusal = e;
        }

        return await Customer(project.CustomerId).GetProjectAsync(Key) is { Status: ProjectStatus.Completed } done
            ? done
            : throw CrmException.Conflict(refusal.Field, refusal.Message);
    }

    /// <summary>Opens every callback whose time has come (weekly while under construction, the after-care schedule).</summary>
    private async Task OpenDueAsync()
    {
        var now = Now;
        if (State.SiteStartedAt is { } start)
        {
            var weekly = CallbackRules.DueWeekly(Key, State.ManagerId ?? TaskIds.ServiceDesk(State.StoreId), start, State.WeeksOpened, State.CompletedAt, now, State.TimeZone, rules.WeeklyCallbackDays);
            foreach (var callback in weekly)
            {
                Open(callback);
            }

            if (weekly.Count > 0)
            {
                State = State with { WeeksOpened = State.WeeksOpened + weekly.Count };
            }
        }

        var due = State.Scheduled.Where(s => s.OpensAt <= now).ToList();
        foreach (var callback in due)
        {
            Open(callback);
        }

        if (due.Count > 0)
        {
            State = State with { Scheduled = State.Scheduled.RemoveAll(due.Contains) };
        }

        if (HasDeadlines())
        {
            await KeepReminderAsync(SweepReminder);
        }
    }

    /// <inheritdoc />
    protected override Task JournalRecordedAsync() => KeepReminderAsync(SweepReminder);

    /// <summary>Weekly callbacks run until completion acceptance; after it, until the last after-care callback opened.</summary>
    private bool HasDeadlines() => (State.SiteStartedAt is not null && State.CompletedAt is null) || State.Scheduled.Count > 0;

    private void Open(ScheduledCallback callback)
    {
        if (State.Tasks.Any(t => t.TaskId == callback.TaskId))
        {
            return;
        }

        // The task list's "lead" column holds the task's owner: here the project (TaskIds names the owner either way).
        Record(JournalKinds.TaskOpened, State.StoreId, callback.TaskId, new TaskOpened(callback.TaskId, Key, callback.Rule, callback.AssigneeId, callback.DueAt, callback.Summary));
        State = State with
        {
            Tasks = State.Tasks.Add(new LeadTask(CallbackRules.CallbackKind, callback.AssigneeId, callback.DueAt, callback.Summary, callback.TaskId, TaskStates.Open, callback.Rule)),
        };
    }

    private ProjectDetails Details(ProjectView project, string? customerName)
    {
        var stages = State.Opened ? State.Stages : StageRules.Initial();
        return new ProjectDetails(
            project.ProjectId,
            project.CustomerId,
            customerName,
            project.Owner.StoreId,
            project.Owner.ManagerId,
            project.Owner.DesignerId,
            project.Status,
            project.DepositAmount,
            project.ContractAmount,
            project.Owner,
            project.OpenedAt,
            project.EndedAt,
            project.EndReason,
            StageRules.Current(stages)?.Stage,
            [.. stages],
            [.. State.Changes],
            [.. State.Delays],
            [.. State.SiteVisits],
            State.SiteVisitsFlagged,
            State.SiteStartedAt,
            State.CompletedAt);
    }
}
