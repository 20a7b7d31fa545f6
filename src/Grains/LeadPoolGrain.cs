using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;
using Orleans.Utilities;

namespace Orleans.Crm.Grains;

/// <summary>
/// The chain's lead pool (公海). Claims are decided here one at a time: of many managers racing from many gateways, the
/// first claim is written, every later one finds the lead claimed and is told who has it (without a write). The won
/// lead is handed to the claimant's store one way and repeated until the store acknowledges it.
/// </summary>
public sealed class LeadPoolGrain(
    [PersistentState(CrmStorage.Pool, CrmStorage.Provider)] IPersistentState<PoolState> storage,
    GrainContext context,
    RulesOptions rules,
    ILogger<LeadPoolGrain> logger)
    : DecidingGrain<PoolState>(storage, context), ILeadPoolGrain, IRemindable
{
    private const string SweepReminder = "sweep";

    /// <summary>Claimed leads stay listed this long so every screen sees who won.</summary>
    private static readonly TimeSpan ClaimedListing = TimeSpan.FromDays(1);

    private readonly ObserverManager<IPoolObserver> _observers = new(context.Options.Value.ObserverExpiry, logger);
    private readonly string _activationId = Guid.NewGuid().ToString("N");

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.LastNumber > 0 && await this.GetReminder(SweepReminder) is null)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, Options.SweepPeriod, Options.SweepPeriod);
        }

        KeepRedelivering(Unacknowledged().Any());
        await CatchUpJournalAsync();
    }

    /// <inheritdoc />
    public Task<PoolLeadPosted> PostAsync(PostPoolLead lead, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(lead);
        var name = VisitValidator.Name(lead.Name);
        var phone = VisitValidator.Phone(lead.Phone);
        if (lead.Channel == VisitChannel.WalkIn)
        {
            throw CrmException.Invalid("channel", "A walk-in is registered at its store, not posted to the pool.");
        }

        if (State.LastNumber == 0)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, Options.SweepPeriod, Options.SweepPeriod);
        }

        var number = State.LastNumber + 1;
        var leadId = LeadIds.ForPool(number);
        var now = Now;
        var posted = new PoolLead
        {
            CustomerId = Identity.IdOf(phone),
            Name = name,
            Phone = phone,
            Channel = lead.Channel,
            Source = lead.Source?.Trim(),
            Needs = lead.Needs,
            FollowUps = string.IsNullOrWhiteSpace(lead.Note) ? [] : [new FollowUp("pool", lead.Note.Trim(), now)],
            PostedAt = now,
        };
        State = State with { LastNumber = number, Leads = State.Leads.SetItem(leadId, posted) };
        Publish("pool-lead-posted", leadId, posted, now);
        return new PoolLeadPosted(leadId, posted.CustomerId);
    });

    /// <inheritdoc />
    public Task<ImmutableArray<PoolLeadView>> ListAsync() => Task.FromResult(Listed());

    /// <inheritdoc />
    public Task<PoolListing> GetListingAsync() => Task.FromResult(new PoolListing(State.Sequence, Listed()));

    /// <inheritdoc />
    public Task<ClaimOutcome> ClaimAsync(string leadId, string managerId, string storeId, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        if (!State.Leads.TryGetValue(leadId, out var lead))
        {
            return await HolderAsync(leadId) is { } earlier
                ? Refused(leadId, storeId, PoolClaimRules.Evaluate(new PoolLeadState(leadId, earlier.ManagerId, earlier.At), managerId, 0, 0, null, Now, rules.Pool), earlier)
                : throw CrmException.NotFound("leadId", $"Lead {leadId} is not a pool lead.");
        }

        var now = Now;
        var today = StoreCalendar.LocalDate(now, rules.ChainTimeZone);
        var counters = Counters(managerId, today);
        var check = PoolClaimRules.Evaluate(
            new PoolLeadState(leadId, lead.ClaimedBy?.ManagerId, lead.ClaimedBy?.At),
            managerId,
            counters.ClaimsOnDay,
            counters.OpenClaims.Count,
            lead.CoolDowns,
            now,
            rules.Pool);
        if (!check.Allowed)
        {
            return Refused(leadId, storeId, check, lead.ClaimedBy);
        }

        var conflicts = await ConflictsAsync(lead.CustomerId, storeId, managerId, now);
        var holder = new ClaimHolder(storeId, managerId, now);
        lead = lead with { ClaimedBy = holder, HandedOff = false };
        State = State with
        {
            Leads = State.Leads.SetItem(leadId, lead),
            Holders = State.Holders.SetItem(leadId, holder),
            Managers = State.Managers.SetItem(managerId, counters with { ClaimDay = today, ClaimsOnDay = counters.ClaimsOnDay + 1, OpenClaims = counters.OpenClaims.Add(leadId) }),
        };
        Publish("pool-lead-claimed", leadId, lead, now);
        Record(JournalKinds.LeadClaimed, storeId, leadId, new LeadClaimed(leadId, storeId, managerId, now));
        var handoff = Handoff(leadId, lead);
        AfterCommit(() =>
        {
            Metrics.Claimed(storeId, CrmMetrics.ClaimWon);
            Deliver(handoff);
            KeepRedelivering(true);
        });
        return Won(leadId, holder, conflicts);
    }, new Replay<ClaimOutcome>(claim => claim.Claimed ? claim.LeadId : null, _ => ReplayClaimAsync(leadId, managerId)));

    /// <inheritdoc />
    public async Task<PoolLeadLocation?> FindLeadAsync(string leadId)
    {
        if (State.Leads.TryGetValue(leadId, out var lead))
        {
            return lead.ClaimedBy is { } holder
                ? new PoolLeadLocation(null, holder.StoreId, lead.HandedOff ? null : Handoff(leadId, lead))
                : new PoolLeadLocation(LeadView(leadId, lead), null, null);
        }

        return await HolderAsync(leadId) is { } earlier ? new PoolLeadLocation(null, earlier.StoreId, null) : null;
    }

    /// <inheritdoc />
    public Task<ManagerClaims> GetManagerClaimsAsync(string managerId)
    {
        var counters = Counters(managerId, StoreCalendar.LocalDate(Now, rules.ChainTimeZone));
        return Task.FromResult(new ManagerClaims(counters.ClaimsOnDay, counters.OpenClaims.Count));
    }

    /// <inheritdoc />
    public Task<FeedPosition> SubscribeAsync(IPoolObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.FromResult(new FeedPosition(State.Sequence, _activationId));
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(IPoolObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PoolEventPage> GetEventsAsync(long afterSequence, int maxCount)
    {
        var (events, complete) = BoundedLog.After(State.Events, e => e.Sequence, State.Sequence, afterSequence, maxCount);
        return Task.FromResult(new PoolEventPage(events, State.Sequence, complete));
    }

    /// <inheritdoc />
    public Task AcknowledgeHandoffAsync(string leadId) => UpdateAsync(() =>
    {
        if (State.Leads.TryGetValue(leadId, out var lead) && lead is { ClaimedBy: not null, HandedOff: false })
        {
            State = State with { Leads = State.Leads.SetItem(leadId, lead with { HandedOff = true }) };
            AfterCommit(() => KeepRedelivering(Unacknowledged().Any()));
        }

        return Task.CompletedTask;
    });

    /// <inheritdoc />
    public async Task DeliverNoticeAsync(PoolNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var current = await HolderAsync(notice.LeadId);
        await UpdateAsync(() =>
        {
            if (current is null || current.StoreId != notice.StoreId || current.At != notice.ClaimedAt)
            {
                // Not the claim this pool holds now (already settled or returned, or a later claim): nothing to do.
                return Task.CompletedTask;
            }

            if (State.Managers.TryGetValue(notice.ManagerId, out var counters) && counters.OpenClaims.Contains(notice.LeadId))
            {
                State = State with { Managers = State.Managers.SetItem(notice.ManagerId, counters with { OpenClaims = counters.OpenClaims.Remove(notice.LeadId) }) };
            }

            if (notice.Kind == PoolNotice.Returned && notice.Lead is { } data)
            {
                var previous = State.Leads.GetValueOrDefault(notice.LeadId);
                var returned = new PoolLead
                {
                    CustomerId = data.CustomerId,
                    Name = data.Name,
                    Phone = data.Phone,
                    Channel = data.Channel,
                    Source = data.Source,
                    Needs = data.Needs,
                    FollowUps = [.. data.FollowUps],
                    PostedAt = data.PostedAt,
                    CoolDowns = (previous?.CoolDowns ?? []).Add(PoolClaimRules.CoolDownFor(notice.ManagerId, notice.At, rules.Pool)),
                };
                State = State with { Leads = State.Leads.SetItem(notice.LeadId, returned), Holders = State.Holders.Remove(notice.LeadId) };
                Publish("pool-lead-returned", notice.LeadId, returned, Now);
            }

            return Task.CompletedTask;
        });
        _ = GrainFactory.GetGrain<IStoreGrain>(notice.StoreId).AcknowledgePoolNoticeAsync(notice.NoticeId);
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SweepReminder)
        {
            return;
        }

        // Claimed leads leave the listing after a day, once their store has them; the holder stays findable.
        var cutoff = Now - ClaimedListing;
        await UpdateAsync(() =>
        {
            var done = State.Leads.Where(l => l.Value is { HandedOff: true, ClaimedBy: { } h } && h.At < cutoff).Select(l => l.Key).ToList();
            if (done.Count > 0)
            {
                State = State with { Leads = State.Leads.RemoveRange(done) };
            }

            // Claims older than the memory are in the journal (lead-claimed): the pool finds them there from now on.
            var forgotten = State.Holders.Where(h => !State.Leads.ContainsKey(h.Key) && h.Value.At < Now - Options.ClaimHolderMemory).Select(h => h.Key).ToList();
            if (forgotten.Count > 0)
            {
                State = State with { Holders = State.Holders.RemoveRange(forgotten) };
            }

            return Task.CompletedTask;
        });
        await RedeliverAsync();
    }

    /// <inheritdoc />
    protected override Task RedeliverAsync()
    {
        foreach (var (leadId, lead) in Unacknowledged())
        {
            Deliver(Handoff(leadId, lead));
        }

        KeepRedelivering(Unacknowledged().Any());
        return Task.CompletedTask;
    }

    /// <summary>
    /// The store holding a claimed lead: from the state while the claim is recent, else from the journal's last claim of
    /// it (a lead returned to the pool is in the state again, so an older claim never answers for it).
    /// </summary>
    private async Task<ClaimHolder?> HolderAsync(string leadId)
    {
        if (State.Holders.TryGetValue(leadId, out var holder))
        {
            return holder;
        }

        if (State.Leads.ContainsKey(leadId) || !LeadIds.IsPool(leadId))
        {
            return null;
        }

        var claims = await Journal.ReadAsync(new JournalQuery([JournalKinds.LeadClaimed], Subject: leadId));
        return claims.Count == 0 ? null : JsonSerializer.Deserialize<LeadClaimed>(claims[^1].Data, CrmJson.Options) is { } last
            ? new ClaimHolder(last.StoreId, last.ManagerId, last.At)
            : null;
    }

    private IEnumerable<KeyValuePair<string, PoolLead>> Unacknowledged() =>
        State.Leads.Where(l => l.Value is { ClaimedBy: not null, HandedOff: false });

    private void Deliver(ClaimHandoff handoff) =>
        _ = GrainFactory.GetGrain<IStoreGrain>(handoff.Holder.StoreId).DeliverClaimAsync(handoff);

    private ManagerClaimState Counters(string managerId, DateOnly today)
    {
        var counters = State.Managers.GetValueOrDefault(managerId) ?? new ManagerClaimState(today, 0, []);
        return counters.ClaimDay == today ? counters : counters with { ClaimDay = today, ClaimsOnDay = 0 };
    }

    /// <summary>Unclaimed leads, plus claimed ones for a day so every screen sees who won.</summary>
    private ImmutableArray<PoolLeadView> Listed()
    {
        var cutoff = Now - ClaimedListing;
        return [.. State.Leads
            .Where(l => l.Value.ClaimedBy is null || l.Value.ClaimedBy.At > cutoff)
            .OrderBy(l => int.Parse(l.Key.AsSpan(LeadIds.PoolPrefix.Length + 1), CultureInfo.InvariantCulture))
            .Select(l => View(l.Key, l.Value))];
    }

    private void Publish(string type, string leadId, PoolLead lead, DateTimeOffset at)
    {
        var poolEvent = new PoolEvent(State.Sequence + 1, type, at, View(leadId, lead));
        State = State with { Sequence = poolEvent.Sequence, Events = BoundedLog.Last(State.Events.Add(poolEvent), Options.BoardLogLength) };
        AfterCommit(() => _observers.Notify(o => o.OnPoolEventAsync(poolEvent)));
    }

    /// <summary>
    /// What a repeated winning claim answers: the claim as the pool holds it (the pool remembers only the command id, so
    /// the claims of a busy day do not ride along in every write of the pool).
    /// </summary>
    private async Task<ClaimOutcome> ReplayClaimAsync(string leadId, string managerId)
    {
        var holder = await HolderAsync(leadId) ?? throw CrmException.Conflict("leadId", $"Lead {leadId} went back to the pool since it was claimed.");
        var customerId = State.Leads.GetValueOrDefault(leadId)?.CustomerId;
        return holder.ManagerId == managerId
            ? Won(leadId, holder, customerId is null ? [] : await ConflictsAsync(customerId, holder.StoreId, managerId, Now))
            : throw CrmException.Conflict("leadId", $"Lead {leadId} is held by {holder.ManagerId} now.");
    }

    /// <summary>
    /// The customer's other open leads as conflicts of a claim: a preview (a read of the customer, no write); the store
    /// flags them for good when the lead arrives, and tells the customer then.
    /// </summary>
    private async Task<ImmutableArray<LeadConflict>> ConflictsAsync(string customerId, string storeId, string managerId, DateTimeOffset now)
    {
        var others = await GrainFactory.GetGrain<ICustomerGrain>(customerId).GetOpenLeadsAsync();
        return [.. others
            .Select(o => (Lead: o, Kind: o.StoreId != storeId ? "cross-store" : o.ManagerId != managerId ? "cross-group" : null))
            .Where(o => o.Kind is not null)
            .Select(o => new LeadConflict(o.Lead.LeadId, o.Lead.StoreId, o.Lead.ManagerId, o.Lead.DesignerId, o.Kind!, now))];
    }

    private static ClaimOutcome Won(string leadId, ClaimHolder holder, ImmutableArray<LeadConflict> conflicts) =>
        new(true, leadId, holder.StoreId, holder.ManagerId, null, $"Claimed by {holder.ManagerId} for store {holder.StoreId}.", holder, null, conflicts);

    /// <summary>
    /// A refusal changes nothing (no write, not remembered), so it is counted here, once per decided call: a repeat of
    /// the command is decided (and counted) afresh, as it is answered afresh.
    /// </summary>
    private ClaimOutcome Refused(string leadId, string storeId, ClaimCheck check, ClaimHolder? holder)
    {
        var code = RefusalCode(check.Refusal);
        Metrics.Claimed(storeId, code);
        return new(false, leadId, null, null, code, check.Message, holder, check.CoolingDownUntil, []);
    }

    private static PoolLeadView View(string leadId, PoolLead lead) =>
        new(leadId, lead.Name, lead.Phone, lead.Channel, lead.Source, lead.PostedAt, lead.ClaimedBy);

    private static ClaimHandoff Handoff(string leadId, PoolLead lead) =>
        new(leadId, lead.CustomerId, lead.Name, lead.Phone, lead.Channel, lead.Source, lead.Needs, [.. lead.FollowUps], lead.PostedAt, lead.ClaimedBy!);

    private static LeadView LeadView(string leadId, PoolLead lead) => new(
        leadId,
        null,
        lead.CustomerId,
        null,
        lead.Name,
        lead.Phone,
        lead.Channel,
        null,
        null,
        LeadStatus.Normal,
        LeadStatus.Normal.ColorName(),
        Open: true,
        Queued: false,
        lead.PostedAt,
        [],
        [],
        [],
        null,
        null,
        null,
        [],
        [.. lead.FollowUps],
        lead.Needs,
        null,
        null);

    private static string RefusalCode(ClaimRefusal refusal) => refusal switch
    {
        ClaimRefusal.AlreadyClaimed => "already_claimed",
        ClaimRefusal.DailyLimitReached => "daily_limit",
        ClaimRefusal.OpenLimitReached => "open_limit",
        ClaimRefusal.CoolingDown => "cooling_down",
        _ => refusal.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
