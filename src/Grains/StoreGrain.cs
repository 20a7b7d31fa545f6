using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;
using Orleans.Utilities;

namespace Orleans.Crm.Grains;

/// <summary>
/// The store decides every change to its designers, leads, queue and board, one call at a time. Inside a call it
/// awaits only grains that never call back: the customer (who signed first, which leads are open) and the leaf
/// directory and archive entries. Everything that must reach another store or the pool goes one way and is repeated
/// until acknowledged.
/// </summary>
public sealed partial class StoreGrain(
    [PersistentState(CrmStorage.Store, CrmStorage.Provider)] IPersistentState<StoreState> storage,
    GrainContext context,
    RulesOptions rules,
    DesignerEvaluationOptions evaluation,
    ILogger<StoreGrain> logger)
    : DecidingGrain<StoreState>(storage, context), IStoreGrain, IRemindable
{
    private readonly ObserverManager<IBoardObserver> _observers = new(context.Options.Value.ObserverExpiry, logger);
    private readonly string _activationId = Guid.NewGuid().ToString("N");
    private bool _sweepRegistered;

    private string? _key;

    // Cached: the grain id's key is rebuilt as a new string on every call, and metrics tag every decision with it.
    private string Key => _key ??= this.GetPrimaryKeyString();

    private DateOnly Today => StoreCalendar.LocalDate(Now, State.TimeZone);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Configured)
        {
            await EnsureSweepAsync();
        }

        KeepRedelivering(State.PoolNotices.Count > 0);
        if (State.Configured)
        {
            Metrics.QueueLength(Key, State.Queue.Count);
        }

        // Events saved by an activation that died before appending them (the sweep reminder brings every configured
        // store back within a minute, so the journal catches up even if nobody calls the store).
        await CatchUpJournalAsync();
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The queue gauge is per silo: the silo that activates the store next reports it, this one reports nothing
        // queued any more, so the sum over silos stays the store's queue. (The sweep reminder keeps every configured
        // store active, so this happens when a silo stops or the store moves, not when it idles.)
        if (State.Configured)
        {
            Metrics.QueueLength(Key, 0);
        }

        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoreView> ConfigureAsync(StoreSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        StoreSetupValidator.Validate(setup);
        if (Key == LeadIds.PoolPrefix)
        {
            throw CrmException.Invalid("storeId", $"'{LeadIds.PoolPrefix}' is reserved for the chain's lead pool.");
        }

        var timeZone = setup.TimeZone ?? (State.Configured ? State.TimeZone : "Asia/Shanghai");
        if (StoreCalendar.Find(timeZone) is null)
        {
            throw CrmException.Invalid("timeZone", $"Unknown time zone '{timeZone}'.");
        }

        var newDesigners = setup.Groups.SelectMany(g => g.Designers.Select(d => d.DesignerId)).ToHashSet(StringComparer.Ordinal);
        var removed = State.Designers.Where(d => !newDesigners.Contains(d.Key)).ToList();
        var removedManagers = State.Managers.Keys.Where(id => !setup.Groups.Any(g => g.ManagerId == id)).ToList();
        if (removed.FirstOrDefault(d => d.Value.Holding.Count > 0) is { Key: { } busy, Value: { } entry })
        {
            throw CrmException.Conflict("groups", $"Designer {busy} still holds {entry.Holding.Count} open lead(s) and cannot leave the store.");
        }

        // The directory decides that a person belongs to one store; it never calls another grain, so waiting on it here
        // cannot form a cycle. A refused join leaves this store unchanged (earlier joins of this call stay: a retry or
        // the next set-up of this store keeps them true).
        foreach (var group in setup.Groups)
        {
            await JoinAsync(GrainFactory.GetGrain<IAccountManagerGrain>(group.ManagerId).JoinStoreAsync(Key), "Account manager", group.ManagerId);
            foreach (var designer in group.Designers)
            {
                await JoinAsync(GrainFactory.GetGrain<IDesignerGrain>(designer.DesignerId).JoinStoreAsync(Key), "Designer", designer.DesignerId);
            }
        }

        await UpdateAsync(() =>
        {
            var designers = State.Designers.RemoveRange(removed.Select(d => d.Key));
            var managers = ImmutableDictionary<string, ManagerEntry>.Empty;
            foreach (var group in setup.Groups)
            {
                managers = managers.SetItem(group.ManagerId, new ManagerEntry(group.ManagerName, State.Managers.GetValueOrDefault(group.ManagerId)?.Leave ?? []));
                for (var i = 0; i < group.Designers.Length; i++)
                {
                    var d = group.Designers[i];
                    var existing = designers.GetValueOrDefault(d.DesignerId);
                    designers = designers.SetItem(d.DesignerId, (existing ?? new DesignerEntry()) with
                    {
                        ManagerId = group.ManagerId,
                        Name = d.Name,
                        Level = d.Level,
                        Rank = d.Rank ?? existing?.Rank ?? i + 1,
                        Grade = d.Grade ?? existing?.Grade ?? DesignerGrade.Ordinary,
                    });
                }
            }

            State = State with
            {
                Configured = true,
                ConfiguredAt = State.ConfiguredAt ?? Now,
                Name = setup.Name.Trim(),
                TimeZone = timeZone,
                Groups = [.. setup.Groups.Select(g => new GroupState(g.ManagerId, g.ManagerName, [.. g.Designers.Select(d => d.DesignerId)]))],
                Rotation = [.. setup.Rotation],
                RotationStart = setup.RotationStart,
                RestDays = [.. setup.RestDays ?? [DayOfWeek.Monday]],
                Managers = managers,
                Designers = designers,
            };
            Publish(new BoardChange("store-configured", Now, $"Store {State.Name} configured", Designers: AllDesignerCards(), DutyManagerId: Roster().OnDuty(Today)));

            // Chain-wide reports read every store's calendar and groups from the journal, not from the store grains.
            Record(JournalKinds.StoreConfigured, Key, Key, new StoreConfigured(
                State.Name,
                timeZone,
                [.. setup.Groups.Select(g => new StoreGroupConfigured(g.ManagerId, g.ManagerName, [.. g.Designers.Select(d => d.DesignerId)]))]));
            return Task.CompletedTask;
        });

        foreach (var (designerId, _) in removed)
        {
            await GrainFactory.GetGrain<IDesignerGrain>(designerId).LeaveStoreAsync(Key);
        }

        foreach (var managerId in removedManagers)
        {
            await GrainFactory.GetGrain<IAccountManagerGrain>(managerId).LeaveStoreAsync(Key);
        }

        await EnsureSweepAsync();
        return View();

        async Task JoinAsync(Task<string?> join, string what, string id)
        {
            if (await join is { } other && other != Key)
            {
                throw CrmException.Conflict("groups", $"{what} {id} belongs to store {other}.");
            }
        }
    }

    /// <inheritdoc />
    public Task<StoreView?> GetAsync() => Task.FromResult(State.Configured ? View() : null);

    /// <inheritdoc />
    public async Task SetDutyOverrideAsync(DateOnly date, string? managerId) => await AssignDutyAsync(date, managerId);

    /// <inheritdoc />
    public async Task<DutyAssigned> AssignDutyAsync(DateOnly date, string? managerId)
    {
        var handedOver = ImmutableArray<string>.Empty;
        await UpdateAsync(async () =>
        {
            EnsureConfigured();
            if (managerId is not null && !IsManager(managerId))
            {
                throw CrmException.Invalid("managerId", $"{managerId} is not an account manager of store {Key}.");
            }

            var dateKey = IsoDate(date);
            var overrides = managerId is null ? State.DutyOverrides.Remove(dateKey) : State.DutyOverrides.SetItem(dateKey, managerId);
            if (overrides != State.DutyOverrides)
            {
                State = State with { DutyOverrides = overrides };
                var onDuty = Roster().OnDuty(date);
                Publish(new BoardChange("duty-changed", Now, $"{dateKey}: on duty {onDuty ?? "nobody"} (override)", DutyManagerId: date == Today ? onDuty : null));
            }

            handedOver = await HandOverUnassignedAsync(date);
        });
        return new DutyAssigned(await GetDutyAsync(date), handedOver);
    }

    /// <summary>
    /// The walk-ins that came on <paramref name="date"/> while nobody was on duty go to whoever is on duty that date now
    /// (DOMAIN §3: they wait unassigned until a manager is assigned, who then receives them), each told to the board and
    /// to its customer (whose open leads name their managers, to tell cross-group conflicts from leads of one group).
    /// </summary>
    private async Task<ImmutableArray<string>> HandOverUnassignedAsync(DateOnly date)
    {
        if (Roster().OnDuty(date) is not { } managerId)
        {
            return [];
        }

        var now = Now;
        var handed = ImmutableArray.CreateBuilder<string>();
        foreach (var (leadId, lead) in RestDayDuty.ToHandOver(State.Leads, date, State.TimeZone).ToList())
        {
            var assigned = lead with { ManagerId = managerId };
            await Customer(lead.CustomerId).SetManagerAsync(leadId, managerId);
            State = State with { Leads = State.Leads.SetItem(leadId, assigned) };
            Publish(new BoardChange("lead-assigned", now, $"No. {lead.RunningNumber}: handed to {managerId}, on duty {IsoDate(date)}", Lead: ToBoardLead(leadId, assigned)));
            handed.Add(leadId);
        }

        return handed.ToImmutable();
    }

    /// <inheritdoc />
    public Task<DutyAnswer> GetDutyAsync(DateOnly date)
    {
        EnsureConfigured();
        var explanation = Roster().Explain(date);
        return Task.FromResult(new DutyAnswer(date, explanation.OnDutyManagerId, explanation.IsRestDay, explanation.IsOverride, explanation.Reason));
    }

    /// <inheritdoc />
    public Task SetManagerLeaveAsync(string managerId, DateOnly date, bool onLeave) => UpdateAsync(() =>
    {
        EnsureConfigured();
        if (State.Managers.GetValueOrDefault(managerId) is not { } manager)
        {
            throw CrmException.NotFound("managerId", $"{managerId} is not an account manager of store {Key}.");
        }

        if (manager.Leave.Contains(date) == onLeave)
        {
            return Task.CompletedTask;
        }

        State = State with { Managers = State.Managers.SetItem(managerId, manager with { Leave = onLeave ? manager.Leave.Add(date) : manager.Leave.Remove(date) }) };
        var onDuty = Roster().OnDuty(date);
        Publish(new BoardChange("duty-changed", Now, $"{managerId} {(onLeave ? "on leave" : "back")} {IsoDate(date)}; on duty {onDuty ?? "nobody"}", DutyManagerId: date == Today ? onDuty : null));
        return Task.CompletedTask;
    });

    /// <inheritdoc />
    public Task SetSeasonAsync(Season season) => UpdateAsync(async () =>
    {
        EnsureConfigured();
        State = State with { Season = season };

        // Higher caps may let queued leads through; lower caps never evict (a full designer just takes no more).
        await DrainQueueAsync();
        Publish(new BoardChange("season-changed", Now, $"Season: {season}", Designers: AllDesignerCards()));
    });

    /// <inheritdoc />
    public Task SetDesignerRankAsync(string designerId, int rank) => CorrectDesignerRankAsync(designerId, rank, null, null);

    /// <inheritdoc />
    public Task SetDesignerPresenceAsync(string designerId, bool present) => UpdateAsync(async () =>
    {
        var designer = OwnDesigner(designerId);
        State = State with { Designers = State.Designers.SetItem(designerId, designer with { Present = present }) };
        if (present)
        {
            await DrainQueueAsync();
        }

        Publish(new BoardChange("designer-updated", Now, $"{designer.Name}: {(present ? "present" : "absent")}", Designers: DesignerCards(designerId)));
    });

    /// <inheritdoc />
    public Task<LeadView?> GetLeadAsync(string leadId) =>
        Task.FromResult(State.Leads.TryGetValue(leadId, out var lead) ? LeadViews.From(leadId, Key, lead) : null);

    /// <inheritdoc />
    public Task<DesignerView?> GetDesignerAsync(string designerId) => Task.FromResult(DesignerViewOf(designerId));

    /// <inheritdoc />
    public Task<ManagerView?> GetManagerAsync(string managerId) =>
        Task.FromResult(State.Managers.TryGetValue(managerId, out var m)
            ? new ManagerView(managerId, Key, m.Name, [.. m.Leave], 0)
            : null);

    /// <inheritdoc />
    protected override void Committed(StoreState before)
    {
        // From the store's set-up on, so a store with nothing queued reads 0 rather than nothing.
        if (State.Configured && (!before.Configured || !ReferenceEquals(before.Queue, State.Queue)))
        {
            Metrics.QueueLength(Key, State.Queue.Count);
        }
    }

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static BoardLead ToBoardLead(string leadId, LeadState lead) => LeadViews.ToBoardLead(leadId, lead);

    private ICustomerGrain Customer(string customerId) => GrainFactory.GetGrain<ICustomerGrain>(customerId);

    private bool IsManager(string managerId) => State.Managers.ContainsKey(managerId);

    private int CapOf(DesignerEntry designer) => rules.Caps.CapFor(designer.Rank, State.Season);

    private void EnsureConfigured()
    {
        if (!State.Configured)
        {
            throw CrmException.NotFound("storeId", $"Store {Key} does not exist.");
        }
    }

    private DesignerEntry OwnDesigner(string designerId)
    {
        EnsureConfigured();
        return State.Designers.GetValueOrDefault(designerId)
            ?? throw CrmException.NotFound("designerId", $"{designerId} is not a designer of store {Key}.");
    }

    private DutyRoster Roster()
    {
        var leave = State.Rotation.ToDictionary(
            id => id,
            id => (IReadOnlySet<DateOnly>)(State.Managers.GetValueOrDefault(id)?.Leave ?? []),
            StringComparer.Ordinal);
        var overrides = State.DutyOverrides.ToDictionary(o => DateOnly.ParseExact(o.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), o => o.Value);
        return new DutyRoster(State.Rotation, State.RotationStart, State.RestDays, leave, overrides);
    }

    private StoreView View() => new(
        Key,
        State.Name,
        State.TimeZone,
        State.Season,
        [.. State.Groups.Select(g => new GroupView(g.ManagerId, g.ManagerName, [.. g.DesignerIds.Select(id => DesignerViewOf(id)!)]))],
        [.. State.Rotation],
        State.RotationStart,
        [.. State.RestDays]);

    private DesignerView? DesignerViewOf(string designerId) =>
        State.Designers.TryGetValue(designerId, out var d)
            ? new DesignerView(designerId, Key, d.ManagerId, d.Name, d.Level, d.Rank, d.Present, CapOf(d), [.. d.Holding], d.Refusals, d.Grade, d.Score, d.ScorePeriod, d.RankCorrection)
            : null;

    /// <summary>One periodic reminder per configured store drives its deadlines (registered once, checked per activation).</summary>
    private async Task EnsureSweepAsync()
    {
        if (!_sweepRegistered)
        {
            if (await this.GetReminder(SweepReminder) is null)
            {
                await this.RegisterOrUpdateReminder(SweepReminder, Options.SweepPeriod, Options.SweepPeriod);
            }

            _sweepRegistered = true;
        }
    }
}
