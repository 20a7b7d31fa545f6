using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// A customer decides who signed first (以谁定单为准) and knows every open lead of theirs across the chain. It never
/// awaits another grain: what other stores must learn (a conflict, a lead lost to the owner) is recorded as a notice in
/// this grain's state and sent one way until the store acknowledges it — also after a silo dies, by a reminder.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState(CrmStorage.Customer, CrmStorage.Provider)] IPersistentState<CustomerState> storage,
    GrainContext context)
    : DecidingGrain<CustomerState>(storage, context), ICustomerGrain, IRemindable
{
    private const string NoticeReminder = "notices";

    /// <summary>Ended projects a customer keeps (their history is in the journal).</summary>
    private const int EndedProjectsKept = 20;

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        KeepRedelivering(State.Notices.Count > 0);

        // Project events saved by an activation that died before appending them.
        return CatchUpJournalAsync();
    }

    /// <inheritdoc />
    public Task<CustomerView?> GetAsync() => Task.FromResult(State.Phone.Length > 0
        ? new CustomerView(Key, State.Name, State.Phone, [.. State.OpenLeads.Select(o => o.LeadId)], State.PreviousDesignerId, State.Owner)
        : null);

    /// <inheritdoc />
    public async Task<CustomerRegistration> RegisterLeadAsync(CustomerLead lead, string name, string phone)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var others = State.OpenLeads.Where(o => o.LeadId != lead.LeadId).ToImmutableArray();
        if (!State.OpenLeads.Any(o => o.LeadId == lead.LeadId))
        {
            await UpdateAsync(async () =>
            {
                State = State with { Name = name, Phone = phone, OpenLeads = State.OpenLeads.Add(lead) };
                foreach (var other in others.Where(o => o.StoreId != lead.StoreId))
                {
                    await NoticeAsync(new CustomerNotice(
                        $"{Key}:conflict:{other.LeadId}:{lead.LeadId}",
                        Key,
                        other.StoreId,
                        other.LeadId,
                        CustomerNotice.ConflictKind,
                        new LeadConflict(lead.LeadId, lead.StoreId, lead.ManagerId, null, "cross-store", lead.At),
                        null));
                }
            });
        }

        return new CustomerRegistration(others, State.PreviousDesignerId, State.Owner);
    }

    /// <inheritdoc />
    public Task<ImmutableArray<CustomerLead>> GetOpenLeadsAsync() => Task.FromResult(State.OpenLeads.ToImmutableArray());

    /// <inheritdoc />
    public Task SetDesignerAsync(string leadId, string? managerId, string designerId) => UpdateAsync(() =>
    {
        var index = State.OpenLeads.FindIndex(o => o.LeadId == leadId);
        var leads = index < 0 ? State.OpenLeads : State.OpenLeads.SetItem(index, State.OpenLeads[index] with { ManagerId = managerId, DesignerId = designerId });
        if (index >= 0 && leads[index] == State.OpenLeads[index] && State.PreviousDesignerId == designerId)
        {
            return Task.CompletedTask;
        }

        State = State with { OpenLeads = leads, PreviousDesignerId = designerId };
        return Task.CompletedTask;
    });

    /// <inheritdoc />
    public Task SetManagerAsync(string leadId, string managerId) => UpdateAsync(() =>
    {
        var index = State.OpenLeads.FindIndex(o => o.LeadId == leadId);
        if (index >= 0 && State.OpenLeads[index].ManagerId != managerId)
        {
            State = State with { OpenLeads = State.OpenLeads.SetItem(index, State.OpenLeads[index] with { ManagerId = managerId }) };
        }

        return Task.CompletedTask;
    });

    /// <inheritdoc />
    public async Task<SignDecision> SignAsync(SignRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // An owner saved before projects existed owns the customer until its lead is done with (no project to end).
        if (State is { Project: null, Owner: { } legacy } && legacy.LeadId != request.LeadId)
        {
            return new SignDecision(false, legacy);
        }

        var verdict = ProjectRules.Sign(State.Project, State.ProjectCount, Key, request);
        if (!verdict.Accepted)
        {
            return new SignDecision(false, verdict.Project.Owner);
        }

        await UpdateAsync(async () =>
        {
            if (verdict.Opened)
            {
                var owner = verdict.Project.Owner;
                Record(JournalKinds.ProjectOpened, owner.StoreId, verdict.Project.ProjectId, new ProjectOpened(verdict.Project.ProjectId, Key, owner, request.Contract, request.Amount));
                State = State with
                {
                    Owner = owner,
                    Project = verdict.Project,
                    ProjectCount = State.ProjectCount + 1,
                    EndedProjects = State.Project is { Status: not ProjectStatus.Open } ended ? BoundedLog.Last(State.EndedProjects.Add(ended), EndedProjectsKept) : State.EndedProjects,
                };

                // Every other lead open now is lost to the owner: the signing store closes its own at once; other
                // stores are told, and the leads leave the customer's open ones now.
                foreach (var rival in State.OpenLeads.Where(o => o.LeadId != request.LeadId && o.StoreId != request.StoreId).ToList())
                {
                    await NoticeAsync(new CustomerNotice($"{Key}:lost:{rival.LeadId}", Key, rival.StoreId, rival.LeadId, CustomerNotice.LostKind, null, owner));
                }

                State = State with { OpenLeads = State.OpenLeads.RemoveAll(o => o.LeadId != request.LeadId && o.StoreId != request.StoreId) };
            }
            else if (verdict.Project != State.Project)
            {
                State = State with { Project = verdict.Project };
            }

            if (request.Contract && State.OpenLeads.Any(o => o.LeadId == request.LeadId))
            {
                State = State with { OpenLeads = State.OpenLeads.RemoveAll(o => o.LeadId == request.LeadId) };
            }
        });
        return new SignDecision(true, verdict.Project.Owner);
    }

    /// <inheritdoc />
    public Task<ProjectView?> GetProjectAsync(string projectId) => Task.FromResult(FindProject(projectId));

    /// <inheritdoc />
    public Task<ProjectView> CompleteProjectAsync(string projectId, string? byUserId, string? commandId = null) => CommandAsync(commandId, () =>
    {
        var completed = ProjectRules.Complete(FindProject(projectId), projectId, Now, byUserId);
        End(completed, JournalKinds.ProjectCompleted);
        return Task.FromResult(completed);
    }, ProjectReplay);

    /// <inheritdoc />
    public async Task<ProjectView> ReleaseProjectAsync(string projectId, string leadId, string reason, string? byUserId)
    {
        // A store's retry after its own write failed: the project already ended this way.
        if (FindProject(projectId) is { Status: ProjectStatus.Released } done && done.Owner.LeadId == leadId && done.EndReason == reason)
        {
            return done;
        }

        var released = ProjectRules.Release(FindProject(projectId), projectId, leadId, reason, Now, byUserId);
        await UpdateAsync(() =>
        {
            End(released, JournalKinds.ProjectReleased);
            return Task.CompletedTask;
        });
        return released;
    }

    /// <inheritdoc />
    public Task DropLeadAsync(string leadId) => UpdateAsync(() =>
    {
        // Notices about the lead stay until its store acknowledges them: the store calls this before its own write, and
        // if that write fails (its silo dies) a notice dropped here would be lost — the store applies a notice about a
        // lead it no longer holds as nothing and acknowledges it.
        if (State.OpenLeads.Any(o => o.LeadId == leadId))
        {
            State = State with { OpenLeads = State.OpenLeads.RemoveAll(o => o.LeadId == leadId) };
        }

        return Task.CompletedTask;
    });

    /// <inheritdoc />
    public Task AcknowledgeNoticeAsync(string noticeId) => UpdateAsync(() =>
    {
        if (State.Notices.Any(n => n.NoticeId == noticeId))
        {
            State = State with { Notices = State.Notices.RemoveAll(n => n.NoticeId == noticeId) };
        }

        return Task.CompletedTask;
    });

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != NoticeReminder)
        {
            return;
        }

        if (State.Notices.Count > 0)
        {
            await RedeliverAsync();
            return;
        }

        // Activating for this tick appended any journal events a dead activation left (OnActivateAsync); a failed append
        // keeps the reminder until the next tick.
        if (State.PendingJournal.Count > 0)
        {
            await CatchUpJournalAsync();
            return;
        }

        // Nothing pending any more: stop the reminder until the next notice or journal event.
        await StopReminderAsync(NoticeReminder);
    }

    /// <inheritdoc />
    protected override Task RedeliverAsync()
    {
        foreach (var notice in State.Notices)
        {
            Send(notice);
        }

        KeepRedelivering(State.Notices.Count > 0);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Records a notice to deliver once this call's state is saved. The first notice also registers the reminder that
    /// sends them again after a crash (before the state write: if that fails, nothing was promised).
    /// </summary>
    private async Task NoticeAsync(CustomerNotice notice)
    {
        await KeepReminderAsync(NoticeReminder);

        State = State with { Notices = State.Notices.RemoveAll(n => n.NoticeId == notice.NoticeId).Add(notice) };
        AfterCommit(() =>
        {
            Send(notice);
            KeepRedelivering(true);
        });
    }

    /// <inheritdoc />
    protected override Task JournalRecordedAsync() => KeepReminderAsync(NoticeReminder);

    /// <summary>A project command is remembered by the project's id: a repeat answers with the project as it is now.</summary>
    private Replay<ProjectView> ProjectReplay => new(project => project.ProjectId, id => Task.FromResult(FindProject(id) ?? throw new InvalidOperationException($"Project {id} was forgotten.")));

    private ProjectView? FindProject(string projectId) =>
        State.Project?.ProjectId == projectId ? State.Project : State.EndedProjects.Find(p => p.ProjectId == projectId);

    /// <summary>The open project ended: the customer has no owner until a new project is signed.</summary>
    private void End(ProjectView ended, string kind)
    {
        Record(kind, ended.Owner.StoreId, ended.ProjectId, new ProjectEnded(ended.ProjectId, Key, ended.Owner, ended.EndReason!, ended.EndedBy));
        State = State with { Project = ended, Owner = null };
    }

    private void Send(CustomerNotice notice) =>
        _ = GrainFactory.GetGrain<IStoreGrain>(notice.StoreId).DeliverCustomerNoticeAsync(notice);
}
