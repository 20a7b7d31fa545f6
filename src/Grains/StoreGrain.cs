using System.Globalization;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>
/// The store decides every change to its leads, designers, queue and board. Each call is one transaction over
/// the rows it reads and writes (its own, designers', leads', the customer's), so a cap or an owner can never be
/// decided twice: a concurrent writer from another process makes the commit fail its version check and the call
/// re-runs on fresh rows.
/// </summary>
public sealed partial class StoreGrain(RulesOptions rules) : Grain<StoreState>, IStoreGrain, IRemindable
{
    private const string ThreeDayReminderPrefix = "three-day:";

    /// <inheritdoc />
    public async Task<StoreView> ConfigureAsync(StoreSetup setup)
    {
        StoreSetupValidator.Validate(setup);
        var timeZone = setup.TimeZone ?? (State.Configured ? State.TimeZone : "Asia/Shanghai");
        if (StoreCalendar.Find(timeZone) is null)
        {
            throw CrmException.Invalid("timeZone", $"Unknown time zone '{timeZone}'.");
        }

        var newDesigners = setup.Groups.SelectMany(g => g.Designers.Select(d => d.DesignerId)).ToHashSet(StringComparer.Ordinal);
        foreach (var removed in State.Groups.SelectMany(g => g.DesignerIds).Where(id => !newDesigners.Contains(id)))
        {
            var designer = await Transaction.ReadAsync<DesignerState>(removed);
            if (designer.Holding.Count > 0)
            {
                throw CrmException.Conflict("groups", $"Designer {removed} still holds {designer.Holding.Count} open lead(s) and cannot leave the store.");
            }

            Transaction.Write(removed, designer with { StoreId = null });
        }

        foreach (var group in setup.Groups)
        {
            var manager = await Transaction.ReadAsync<ManagerState>(group.ManagerId);
            if (manager.StoreId is { } other && other != Key)
            {
                throw CrmException.Conflict("groups", $"Account manager {group.ManagerId} belongs to store {other}.");
            }

            Transaction.Write(group.ManagerId, manager with { StoreId = Key, Name = group.ManagerName });
            for (var i = 0; i < group.Designers.Count; i++)
            {
                var setupDesigner = group.Designers[i];
                var designer = await Transaction.ReadAsync<DesignerState>(setupDesigner.DesignerId);
                if (designer.StoreId is { } otherStore && otherStore != Key)
                {
                    throw CrmException.Conflict("groups", $"Designer {setupDesigner.DesignerId} belongs to store {otherStore}.");
                }

                var fresh = designer.StoreId is null;
                Transaction.Write(setupDesigner.DesignerId, designer with
                {
                    StoreId = Key,
                    ManagerId = group.ManagerId,
                    Name = setupDesigner.Name,
                    Level = setupDesigner.Level,
                    Rank = setupDesigner.Rank ?? (fresh ? i + 1 : designer.Rank),
                });
            }
        }

        State = State with
        {
            Configured = true,
            Name = setup.Name.Trim(),
            TimeZone = timeZone,
            Groups = [.. setup.Groups.Select(g => new GroupState(g.ManagerId, g.ManagerName, [.. g.Designers.Select(d => d.DesignerId)]))],
            Rotation = [.. setup.Rotation],
            RotationStart = setup.RotationStart,
            RestDays = [.. setup.RestDays ?? [DayOfWeek.Monday]],
        };
        var designers = await BoardDesignersAsync();
        Publish(new BoardChange("store-configured", Now, $"Store {State.Name} configured", Designers: designers, DutyManagerId: (await RosterAsync()).OnDuty(Today)));
        return await ViewAsync();
    }

    /// <inheritdoc />
    public async Task<StoreView?> GetAsync() => State.Configured ? await ViewAsync() : null;

    /// <inheritdoc />
    public async Task SetDutyOverrideAsync(DateOnly date, string? managerId)
    {
        EnsureConfigured();
        if (managerId is not null && !IsManager(managerId))
        {
            throw CrmException.Invalid("managerId", $"{managerId} is not an account manager of store {Key}.");
        }

        var overrides = new Dictionary<string, string>(State.DutyOverrides);
        var dateKey = IsoDate(date);
        if (managerId is null)
        {
            overrides.Remove(dateKey);
        }
        else
        {
            overrides[dateKey] = managerId;
        }

        State = State with { DutyOverrides = overrides };
        var onDuty = (await RosterAsync()).OnDuty(date);
        Publish(new BoardChange("duty-changed", Now, $"{date:yyyy-MM-dd}: on duty {onDuty ?? "nobody"} (override)", DutyManagerId: date == Today ? onDuty : null));
    }

    /// <inheritdoc />
    public async Task<DutyAnswer> GetDutyAsync(DateOnly date)
    {
        EnsureConfigured();
        var explanation = (await RosterAsync()).Explain(date);
        return new DutyAnswer(date, explanation.OnDutyManagerId, explanation.IsRestDay, explanation.IsOverride, explanation.Reason);
    }

    /// <inheritdoc />
    public async Task SetManagerLeaveAsync(string managerId, DateOnly date, bool onLeave)
    {
        EnsureConfigured();
        if (!IsManager(managerId))
        {
            throw CrmException.NotFound("managerId", $"{managerId} is not an account manager of store {Key}.");
        }

        var manager = await Transaction.ReadAsync<ManagerState>(managerId);
        var dateKey = IsoDate(date);
        var leave = manager.Leave.Where(d => d != dateKey).ToList();
        if (onLeave)
        {
            leave.Add(dateKey);
            leave.Sort(StringComparer.Ordinal);
        }

        Transaction.Write(managerId, manager with { Leave = leave });
        var onDuty = (await RosterAsync()).OnDuty(date);
        Publish(new BoardChange("duty-changed", Now, $"{managerId} {(onLeave ? "on leave" : "back")} {dateKey}; on duty {onDuty ?? "nobody"}", DutyManagerId: date == Today ? onDuty : null));
    }

    /// <inheritdoc />
    public async Task SetSeasonAsync(Season season)
    {
        EnsureConfigured();
        State = State with { Season = season };

        // Higher caps may let queued leads through; lower caps never evict (a full designer just takes no more).
        await DrainQueueAsync();
        Publish(new BoardChange("season-changed", Now, $"Season: {season}", Designers: await BoardDesignersAsync()));
    }

    /// <inheritdoc />
    public async Task SetDesignerRankAsync(string designerId, int rank)
    {
        if (rank < 1)
        {
            throw CrmException.Invalid("rank", "Rank must be 1 or more.");
        }

        var designer = await OwnDesignerAsync(designerId);
        Transaction.Write(designerId, designer with { Rank = rank });
        await DrainQueueAsync();
        Publish(new BoardChange("designer-updated", Now, $"{designer.Name}: rank {rank}", Designers: await DesignerCardsAsync(designerId)));
    }

    /// <inheritdoc />
    public async Task SetDesignerPresenceAsync(string designerId, bool present)
    {
        var designer = await OwnDesignerAsync(designerId);
        Transaction.Write(designerId, designer with { Present = present });
        if (present)
        {
            await DrainQueueAsync();
        }

        Publish(new BoardChange("designer-updated", Now, $"{designer.Name}: {(present ? "present" : "absent")}", Designers: await DesignerCardsAsync(designerId)));
    }

    /// <inheritdoc />
    public async Task ReceiveReminderAsync(string name, string? payload, DateTimeOffset dueAt)
    {
        if (name.StartsWith(ThreeDayReminderPrefix, StringComparison.Ordinal))
        {
            await ApplyThreeDayRuleAsync(name[ThreeDayReminderPrefix.Length..]);
        }
    }

    private DateTimeOffset Now => TimeProvider.GetUtcNow();

    private DateOnly Today => StoreCalendar.LocalDate(Now, State.TimeZone);

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static BoardLead ToBoardLead(string leadId, LeadState lead) => LeadViews.ToBoardLead(leadId, lead);

    private bool IsManager(string managerId) => State.Groups.Any(g => g.ManagerId == managerId);

    private void EnsureConfigured()
    {
        if (!State.Configured)
        {
            throw CrmException.NotFound("storeId", $"Store {Key} does not exist.");
        }
    }

    private async Task<DesignerState> OwnDesignerAsync(string designerId)
    {
        EnsureConfigured();
        var designer = await Transaction.FindAsync<DesignerState>(designerId);
        if (designer?.StoreId != Key)
        {
            throw CrmException.NotFound("designerId", $"{designerId} is not a designer of store {Key}.");
        }

        return designer;
    }

    private async Task<DutyRoster> RosterAsync()
    {
        var leave = new Dictionary<string, IReadOnlySet<DateOnly>>(StringComparer.Ordinal);
        foreach (var managerId in State.Rotation)
        {
            var manager = await Transaction.ReadAsync<ManagerState>(managerId);
            leave[managerId] = manager.Leave.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
        }

        var overrides = State.DutyOverrides.ToDictionary(o => DateOnly.ParseExact(o.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), o => o.Value);
        return new DutyRoster(State.Rotation, State.RotationStart, State.RestDays, leave, overrides);
    }

    /// <summary>Appends a board event; the store row counts it (see <see cref="StoreState.Sequence"/>).</summary>
    private void Publish(BoardChange change)
    {
        Transaction.Publish(Streams.Store(Key), change.Kind, change);
        State = State with
        {
            Sequence = State.Sequence + 1,
            Ticker = change.Ticker is { } line ? [line, .. State.Ticker.Take(rules.TickerLength - 1)] : State.Ticker,
        };
    }

    private async Task<StoreView> ViewAsync()
    {
        var groups = new List<GroupView>();
        foreach (var group in State.Groups)
        {
            var designers = new List<DesignerView>();
            foreach (var id in group.DesignerIds)
            {
                var d = await Transaction.ReadAsync<DesignerState>(id);
                designers.Add(new DesignerView(id, Key, d.ManagerId, d.Name, d.Level, d.Rank, d.Present, rules.Caps.CapFor(d.Rank, State.Season), d.Holding, d.Refusals));
            }

            groups.Add(new GroupView(group.ManagerId, group.ManagerName, designers));
        }

        return new StoreView(Key, State.Name, State.TimeZone, State.Season, groups, State.Rotation, State.RotationStart, State.RestDays);
    }
}
