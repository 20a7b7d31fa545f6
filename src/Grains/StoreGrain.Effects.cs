using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// What crosses to and from other grains without waiting inside a turn: claimed leads arriving from the pool, notices
/// from customers (conflicts, leads lost to another signer), notices to the pool (claims settled, leads returned), and
/// the periodic sweep that applies every deadline that is due.
/// </summary>
public sealed partial class StoreGrain
{
    private const string SweepReminder = "sweep";

    /// <summary>How long an accepted hand-off is remembered (the pool stops delivering once acknowledged).</summary>
    private static readonly TimeSpan AcceptedClaimMemory = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public async Task<ImmutableArray<LeadConflict>> AcceptClaimAsync(ClaimHandoff handoff)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        EnsureConfigured();
        if (State.AcceptedClaims.TryGetValue(handoff.LeadId, out var at) && at == handoff.Holder.At)
        {
            AcknowledgeHandoff(handoff.LeadId);
            return State.Leads.TryGetValue(handoff.LeadId, out var held) ? [.. held.Conflicts] : [];
        }

        var conflicts = ImmutableArray<LeadConflict>.Empty;
        await UpdateAsync(async () =>
        {
            var now = Now;
            var today = Today;
            var holder = handoff.Holder;
            var customer = await Customer(handoff.CustomerId).RegisterLeadAsync(new CustomerLead(handoff.LeadId, Key, holder.ManagerId, now), handoff.Name, handoff.Phone);
            var runningNumber = State.LastRunningNumber + 1;
            var lead = new LeadState
            {
                CustomerId = handoff.CustomerId,
                RunningNumber = runningNumber,
                Name = handoff.Name,
                Phone = handoff.Phone,
                Channel = handoff.Channel,
                ManagerId = holder.ManagerId,
                Status = LeadStatus.Normal,
                RegisteredAt = handoff.PostedAt,
                PreviousDesignerId = customer.PreviousDesignerId,
                Needs = handoff.Needs,
                FollowUps = [.. handoff.FollowUps],
                FromPool = true,
                Source = handoff.Source,
                ClaimedBy = holder,
                ClaimOpen = true,
                LastFollowUpAt = holder.At,

                // Claimed pool leads get the three-day rule too, counted from the claim.
                ThreeDayDueAt = holder.At + rules.ThreeDayRule,
            };

            // A pool lead whose customer is already worked by a store is flagged on claim (§4b → §5).
            lead = lead with { Conflicts = FlagConflicts(handoff.LeadId, holder.ManagerId, customer.Others, now) };
            State = State with
            {
                LastRunningNumber = runningNumber,
                Leads = State.Leads.SetItem(handoff.LeadId, lead),
                AcceptedClaims = State.AcceptedClaims.SetItem(handoff.LeadId, holder.At),
            };
            AddRecent(handoff.LeadId, today);
            IndexForSearch(handoff.LeadId, lead);
            Publish(new BoardChange(
                "lead-claimed",
                now,
                $"Pool lead claimed by {State.Managers.GetValueOrDefault(holder.ManagerId)?.Name ?? holder.ManagerId} (No. {runningNumber})",
                Lead: ToBoardLead(handoff.LeadId, lead)));
            conflicts = [.. lead.Conflicts];
        });
        AcknowledgeHandoff(handoff.LeadId);
        return conflicts;
    }

    /// <inheritdoc />
    public Task DeliverClaimAsync(ClaimHandoff handoff) => AcceptClaimAsync(handoff);

    /// <inheritdoc />
    public async Task DeliverCustomerNoticeAsync(CustomerNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        await UpdateAsync(async () =>
        {
            // A lead id the customer holds from a registration whose store write then failed (and was never retried)
            // may since name another customer's lead: a notice only ever applies to the customer's own lead.
            if (!State.Leads.TryGetValue(notice.LeadId, out var lead) || lead.CustomerId != notice.CustomerId)
            {
                return;
            }

            if (notice.Kind == CustomerNotice.ConflictKind && notice.Conflicting is { } conflict)
            {
                FlagLead(notice.LeadId, lead, conflict);
            }
            else if (notice.Kind == CustomerNotice.LostKind && notice.Owner is { } owner && owner.LeadId != notice.LeadId)
            {
                var reason = LostReason(owner);
                var closed = await CloseAsync(notice.LeadId, lead, LeadStatus.Lost, reason, CloseReasons.OwnedElsewhere, ownedBy: owner);
                await DrainQueueAsync();
                PublishClosed(notice.LeadId, closed, reason);
            }
        });

        // Acknowledged only once this store's state holds the effect: a crash before here makes the customer repeat it.
        await Customer(notice.CustomerId).AcknowledgeNoticeAsync(notice.NoticeId);
    }

    /// <inheritdoc />
    public Task AcknowledgePoolNoticeAsync(string noticeId) => UpdateAsync(() =>
    {
        State = State with { PoolNotices = State.PoolNotices.RemoveAll(n => n.NoticeId == noticeId) };
        AfterCommit(() => KeepRedelivering(State.PoolNotices.Count > 0));
        return Task.CompletedTask;
    });

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == SweepReminder ? SweepAsync() : Task.CompletedTask;

    /// <summary>
    /// Everything that is due, in one write: the three-day rule, claimed leads whose protection ran out (back to the
    /// pool), the half-month ranking and its taking effect, and pruning of the recent lists. Orleans skips missed ticks, so one sweep catches up on all of it; a second
    /// sweep finds nothing left to do.
    /// </summary>
    private async Task SweepAsync()
    {
        if (!State.Configured)
        {
            return;
        }

        await UpdateAsync(async () =>
        {
            var now = Now;
            foreach (var (leadId, lead) in State.Leads.Where(l => l.Value.ThreeDayDueAt <= now).OrderBy(l => l.Value.RunningNumber).ToList())
            {
                ApplyThreeDayRule(leadId, lead, now);
            }

            foreach (var (leadId, lead) in State.Leads.Where(l => ProtectionExpired(l.Value, now)).ToList())
            {
                await ReturnToPoolAsync(leadId, lead, now);
            }

            await SweepRankingAsync(now);
            Prune(now);
        });
        await RedeliverAsync();
    }

    private bool ProtectionExpired(LeadState lead, DateTimeOffset now) =>
        lead is { FromPool: true, ClaimedBy: { } holder, Deposit: null, Contract: null }
        && PoolClaimRules.ProtectionExpiry(holder.At, lead.LastFollowUpAt, false, rules.Pool) <= now;

    /// <summary>No follow-up within the protection period: the lead leaves the store, and the pool takes it back.</summary>
    private async Task ReturnToPoolAsync(string leadId, LeadState lead, DateTimeOffset now)
    {
        var holder = lead.ClaimedBy!;
        Release(leadId, lead);
        lead = CancelTasks(lead, null, "returned to the pool");
        lead = lead with { ClaimOpen = false };
        await Customer(lead.CustomerId).DropLeadAsync(leadId);
        State = State with
        {
            Leads = State.Leads.Remove(leadId),
            RecentLeads = State.RecentLeads.RemoveAll(r => r.LeadId == leadId),
        };
        var data = new ClaimHandoff(leadId, lead.CustomerId, lead.Name, lead.Phone, lead.Channel, lead.Source, lead.Needs, [.. lead.FollowUps], lead.RegisteredAt, holder);
        Notify(new PoolNotice($"{Key}:returned:{leadId}:{holder.At.UtcTicks}", PoolNotice.Returned, leadId, Key, holder.ManagerId, now, holder.At, data));
        Publish(new BoardChange(
            "lead-returned",
            now,
            $"No. {lead.RunningNumber} returned to the pool (no follow-up in {rules.Pool.ProtectionDays} days)",
            Queue: QueueIds()));
    }

    /// <summary>A claimed lead was dispatched, signed or closed: it no longer counts against the claimant's open claims.</summary>
    private LeadState SettleClaim(string leadId, LeadState lead)
    {
        if (lead is not { ClaimOpen: true, ClaimedBy: { } claim })
        {
            return lead;
        }

        Notify(new PoolNotice($"{Key}:settled:{leadId}:{claim.At.UtcTicks}", PoolNotice.Settled, leadId, Key, claim.ManagerId, Now, claim.At));
        return lead with { ClaimOpen = false };
    }

    private void Notify(PoolNotice notice)
    {
        State = State with { PoolNotices = State.PoolNotices.RemoveAll(n => n.NoticeId == notice.NoticeId).Add(notice) };
        AfterCommit(() =>
        {
            _ = Pool.DeliverNoticeAsync(notice);
            KeepRedelivering(true);
        });
    }

    /// <inheritdoc />
    protected override Task RedeliverAsync()
    {
        foreach (var notice in State.PoolNotices)
        {
            _ = Pool.DeliverNoticeAsync(notice);
        }

        KeepRedelivering(State.PoolNotices.Count > 0);
        return Task.CompletedTask;
    }

    private ILeadPoolGrain Pool => GrainFactory.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey);

    private void AcknowledgeHandoff(string leadId) => _ = Pool.AcknowledgeHandoffAsync(leadId);

    private bool WasLeadHere(string leadId) =>
        LeadIds.StoreOf(leadId) == Key || State.AcceptedClaims.ContainsKey(leadId);

    private void Prune(DateTimeOffset now)
    {
        var today = StoreCalendar.LocalDate(now, State.TimeZone);
        var recent = State.RecentLeads.RemoveAll(r => r.Date <= today.AddDays(-rules.RecentDays));
        var keep = recent.Select(r => r.LeadId).ToHashSet(StringComparer.Ordinal);
        var cards = State.ClosedCards.RemoveRange(State.ClosedCards.Keys.Where(id => !keep.Contains(id)));
        var claims = State.AcceptedClaims.RemoveRange(State.AcceptedClaims.Where(c => c.Value < now - AcceptedClaimMemory && !State.Leads.ContainsKey(c.Key)).Select(c => c.Key));
        if (recent.Count != State.RecentLeads.Count || cards.Count != State.ClosedCards.Count || claims.Count != State.AcceptedClaims.Count)
        {
            State = State with { RecentLeads = recent, ClosedCards = cards, AcceptedClaims = claims };
        }
    }
}
