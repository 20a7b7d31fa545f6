using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;
using Orleans.Utilities;

namespace Orleans.Crm.Grains;

/// <summary>
/// A store's complaint desk: decides its complaints one call at a time, keeps their deadlines as data and marks the
/// missed ones in its sweep (DESIGN rule 6), numbers its events for the live complaints board (rule 5) and records them
/// in the journal for reports (rule 9). It calls no other grain.
/// </summary>
public sealed class ComplaintDeskGrain(
    [PersistentState(CrmStorage.ComplaintDesk, CrmStorage.Provider)] IPersistentState<ComplaintDeskState> storage,
    GrainContext context,
    IOptions<ComplaintOptions> complaintOptions,
    ILogger<ComplaintDeskGrain> logger)
    : DecidingGrain<ComplaintDeskState>(storage, context), IComplaintDeskGrain, IRemindable
{
    /// <summary>The sweep reminder's name.</summary>
    public const string SweepReminder = "sweep";

    private readonly ComplaintOptions _clock = complaintOptions.Value;
    private readonly ObserverManager<IComplaintObserver> _observers = new(context.Options.Value.ObserverExpiry, logger);
    private readonly string _activationId = Guid.NewGuid().ToString("N");
    private string? _key;

    private string Key => _key ??= this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await CatchUpJournalAsync();
    }

    /// <inheritdoc />
    public async Task<ComplaintView> FileAsync(FileComplaint complaint, string? commandId = null)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        complaint = Identify(complaint);

        // The reminder exists before the first complaint is written: a silo that dies right after that write leaves a
        // desk whose deadlines (and journal events not yet appended) the reminder brings back.
        if (!State.SweepOn)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, Options.SweepPeriod, Options.SweepPeriod);
        }

        return await CommandAsync(commandId, () =>
        {
            var now = Now;
            var number = State.LastNumber + 1;
            var id = ComplaintIds.For(Key, number);
            var earlier = ComplaintClock.RepeatOf(State.Complaints.Values, complaint.CustomerId!, complaint.ProjectId, now, _clock.RepeatWindow);
            var view = ComplaintClock.Receive(id, Key, complaint, now, earlier?.ComplaintId, _clock);
            State = State with { LastNumber = number, Complaints = State.Complaints.SetItem(id, view), SweepOn = true };
            Record(JournalKinds.ComplaintReceived, Key, id, new ComplaintReceived(id, complaint.CustomerId!, complaint.ProjectId, complaint.Channel, complaint.Emergency, complaint.FiledBy, earlier?.ComplaintId));
            if (earlier is not null)
            {
                ImmutableArray<ComplaintMiss> missed = [.. earlier.Breaches.Select(b => new ComplaintMiss(b.Step, b.Responsible, b.ResponsiblePerson))];
                Record(JournalKinds.ComplaintRepeat, Key, id, new ComplaintRepeat(id, earlier.ComplaintId, complaint.CustomerId!, missed));
            }

            Publish("filed", view);
            return Task.FromResult(view);
        }, new Replay<ComplaintView>(v => v.ComplaintId, async id => await GetAsync(id) ?? throw CrmException.NotFound("complaintId", $"Complaint {id} is no longer kept.")));
    }

    /// <inheritdoc />
    public Task<ComplaintView> RecordStepAsync(string complaintId, RecordComplaintStep step, string? commandId = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        return CommandAsync(commandId, () =>
        {
            var view = Find(complaintId);
            var now = Now;
            var next = ComplaintClock.Apply(view, step, now, _clock);
            State = State with { Complaints = State.Complaints.SetItem(complaintId, next) };
            var minutes = (now - view.RoundStartedAt).TotalMinutes;
            var data = new ComplaintStepRecorded(complaintId, step.Step, step.By, next.Steps[^1].Department, next.Steps[^1].Person, step.Satisfied, next.Steps[^1].Late, view.Round, Math.Round(minutes, 2));
            Record(JournalKinds.ComplaintStep, Key, complaintId, data);
            var type = "step";
            if (next.State == ComplaintSteps.Closed)
            {
                Record(JournalKinds.ComplaintClosed, Key, complaintId, data);
                type = "closed";
            }
            else if (next.Round > view.Round)
            {
                Record(JournalKinds.ComplaintReopened, Key, complaintId, data);
                type = "reopened";
            }

            Publish(type, next);
            Prune(now);
            return Task.FromResult(next);
        }, new Replay<ComplaintView>(v => v.ComplaintId, async id => await GetAsync(id) ?? throw CrmException.NotFound("complaintId", $"Complaint {id} is no longer kept.")));
    }

    /// <inheritdoc />
    public Task<ComplaintView?> GetAsync(string complaintId) => Task.FromResult(State.Complaints.GetValueOrDefault(complaintId));

    /// <inheritdoc />
    public Task<ImmutableArray<ComplaintView>> ListAsync(string? state) =>
        Task.FromResult<ImmutableArray<ComplaintView>>([.. State.Complaints.Values.Where(c => state is null || c.State == state).OrderBy(c => c.ReceivedAt).ThenBy(c => c.ComplaintId, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public Task<ComplaintSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new ComplaintSnapshot(Key, State.Sequence, [.. State.Complaints.Values.Where(c => c.State != ComplaintSteps.Closed).OrderBy(c => c.ReceivedAt).ThenBy(c => c.ComplaintId, StringComparer.Ordinal)]));

    /// <inheritdoc />
    public Task<FeedPosition> SubscribeAsync(IComplaintObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return GetFeedPositionAsync();
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(IComplaintObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<FeedPosition> GetFeedPositionAsync() => Task.FromResult(new FeedPosition(State.Sequence, _activationId));

    /// <inheritdoc />
    public Task<ComplaintEventPage> GetEventsAsync(long afterSequence, int maxCount)
    {
        var (events, complete) = BoundedLog.After(State.Events, e => e.Sequence, State.Sequence, afterSequence, maxCount);
        return Task.FromResult(new ComplaintEventPage(events, State.Sequence, complete));
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == SweepReminder ? SweepAsync() : Task.CompletedTask;

    /// <summary>
    /// Marks every deadline that passed without its step, in one write (Orleans skips missed ticks, so one sweep catches
    /// up on all of them), and forgets closed complaints past the repeat window. A second sweep finds nothing to do.
    /// </summary>
    private Task SweepAsync() => UpdateAsync(() =>
    {
        var now = Now;
        foreach (var view in State.Complaints.Values.Where(c => c.State != ComplaintSteps.Closed).OrderBy(c => c.ReceivedAt).ToList())
        {
            var breaches = ComplaintClock.NewBreaches(view, now);
            if (breaches.IsEmpty)
            {
                continue;
            }

            var next = ComplaintClock.Breach(view, breaches);
            State = State with { Complaints = State.Complaints.SetItem(view.ComplaintId, next) };
            foreach (var breach in breaches)
            {
                Record(JournalKinds.ComplaintBreached, Key, view.ComplaintId, new ComplaintBreached(view.ComplaintId, breach.Step, breach.DueAt, breach.Responsible, breach.ResponsiblePerson, breach.Round));
                var step = breach.Step;
                AfterCommit(() => Metrics.ComplaintBreached(Key, step));
            }

            Publish("breached", next);
        }

        Prune(now);
        return Task.CompletedTask;
    });

    /// <summary>The caller's customer: from the normalised phone (400 naming <c>phone</c>), or the given id.</summary>
    private FileComplaint Identify(FileComplaint complaint)
    {
        if (complaint.Phone is { } raw)
        {
            var phone = VisitValidator.Phone(raw);
            var customerId = Identity.IdOf(phone);
            if (complaint.CustomerId is not null && complaint.CustomerId != customerId)
            {
                throw CrmException.Invalid("customerId", "customerId is not the customer of this phone: give one of them.");
            }

            return complaint with { Phone = phone, CustomerId = customerId };
        }

        return complaint.CustomerId is null ? throw CrmException.Invalid("phone", "Give the caller's phone or the customerId.") : complaint;
    }

    private ComplaintView Find(string complaintId) =>
        State.Complaints.GetValueOrDefault(complaintId) ?? throw CrmException.NotFound("complaintId", $"Complaint {complaintId} does not exist.");

    /// <summary>Numbers an event and keeps it with this call's write; observers get it once the write succeeded.</summary>
    private void Publish(string type, ComplaintView view)
    {
        var e = new ComplaintEvent(Key, State.Sequence + 1, type, Now, view);
        State = State with { Sequence = e.Sequence, Events = BoundedLog.Last(State.Events.Add(e), Options.BoardLogLength) };
        AfterCommit(() => _observers.Notify(o => o.OnComplaintEventAsync(e)));
    }

    // Closed complaints are kept for repeat detection within the repeat window, at most KeptClosed of them.
    private void Prune(DateTimeOffset now)
    {
        var closed = State.Complaints.Values.Where(c => c.State == ComplaintSteps.Closed).OrderByDescending(c => c.ClosedAt).ToList();
        var drop = closed.Where((c, i) => i >= _clock.KeptClosed || now - c.ClosedAt > _clock.RepeatWindow).Select(c => c.ComplaintId).ToList();
        if (drop.Count > 0)
        {
            State = State with { Complaints = State.Complaints.RemoveRange(drop) };
        }
    }
}
