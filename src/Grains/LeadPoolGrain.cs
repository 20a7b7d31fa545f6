using System.Globalization;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>
/// The chain's lead pool (公海). A claim reads and writes the lead, the claimant's counters, the claimant's
/// store and the customer in one commit: of many managers racing in many processes, the first commit wins, every
/// other re-runs, finds the lead claimed and is told who has it.
/// </summary>
public sealed class LeadPoolGrain(RulesOptions rules) : Grain<PoolState>, ILeadPoolGrain, IRemindable
{
    private const string ProtectionPrefix = "protect:";

    /// <inheritdoc />
    public async Task<PoolLeadPosted> PostAsync(PostPoolLead post)
    {
        var name = VisitValidator.Name(post.Name);
        var phone = VisitValidator.Phone(post.Phone);
        if (post.Channel == VisitChannel.WalkIn)
        {
            throw CrmException.Invalid("channel", "A walk-in is registered at its store, not posted to the pool.");
        }

        var number = State.LastNumber + 1;
        var leadId = $"pool-{number}";
        var customerId = CustomerIds.For(phone);
        var now = TimeProvider.GetUtcNow();
        var lead = new LeadState
        {
            Exists = true,
            CustomerId = customerId,
            Name = name,
            Phone = phone,
            Channel = post.Channel,
            Status = LeadStatus.Normal,
            Open = true,
            RegisteredAt = now,
            FromPool = true,
            Source = post.Source?.Trim(),
            Needs = post.Needs,
            FollowUps = string.IsNullOrWhiteSpace(post.Note) ? [] : [new FollowUp("pool", post.Note.Trim(), now)],
        };
        await Transaction.ReadAsync<LeadState>(leadId);
        Transaction.Write(leadId, lead);
        State = State with { LastNumber = number, Leads = [.. Current(now), new PoolEntry(leadId, null)] };
        PublishPool("pool-lead-posted", new PoolLeadView(leadId, name, phone, post.Channel, lead.Source, now, null));
        return new PoolLeadPosted(leadId, customerId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PoolLeadView>> ListAsync()
    {
        var views = new List<PoolLeadView>();
        foreach (var entry in Current(TimeProvider.GetUtcNow()))
        {
            var lead = await Transaction.ReadAsync<LeadState>(entry.LeadId);
            views.Add(View(entry.LeadId, lead));
        }

        return views;
    }

    /// <inheritdoc />
    public async Task<ClaimOutcome> ClaimAsync(string leadId, string managerId)
    {
        var lead = await Transaction.FindAsync<LeadState>(leadId);
        if (lead is not { Exists: true, FromPool: true })
        {
            throw CrmException.NotFound("leadId", $"Lead {leadId} is not a pool lead.");
        }

        var manager = await Transaction.FindAsync<ManagerState>(managerId);
        if (manager?.StoreId is not { } storeId)
        {
            throw CrmException.NotFound("managerId", $"Account manager {managerId} does not exist.");
        }

        if (!lead.Open)
        {
            throw CrmException.Conflict("leadId", $"Lead {leadId} is closed ({lead.Status}).");
        }

        var now = TimeProvider.GetUtcNow();
        var store = await Transaction.ReadAsync<StoreState>(storeId);
        var today = StoreCalendar.LocalDate(now, store.TimeZone);
        var claimsToday = manager.ClaimDay == today ? manager.ClaimsOnDay : 0;
        var check = PoolClaimRules.Evaluate(
            new PoolLeadState(leadId, lead.ClaimedBy?.ManagerId, lead.ClaimedBy?.At, lead.Deposit is not null || lead.Contract is not null),
            managerId,
            claimsToday,
            manager.OpenClaims.Count,
            lead.CoolDowns,
            now,
            rules.Pool);
        if (!check.Allowed)
        {
            return new ClaimOutcome(false, leadId, null, null, RefusalCode(check.Refusal), check.Message, lead.ClaimedBy, check.CoolingDownUntil, []);
        }

        var holder = new ClaimHolder(storeId, managerId, now);
        var runningNumber = store.LastRunningNumber + 1;
        var customer = await Transaction.ReadAsync<CustomerState>(lead.CustomerId);

        // The claimed lead joins the claimant's store (and is dispatched there as usual).
        Transaction.Write(storeId, store with
        {
            LastRunningNumber = runningNumber,
            RecentLeads = [.. store.RecentLeads, new RecentLead(leadId, today)],
        });

        // A pool lead whose customer is already worked by a store is flagged on claim (§4b → §5).
        var conflicts = await StoreBoard.FlagConflictsAsync(Transaction, customer, leadId, storeId, managerId, now, (id, change) => StoreBoard.PublishAsync(Transaction, id, change));
        lead = lead with
        {
            ClaimedBy = holder,
            StoreId = storeId,
            ManagerId = managerId,
            RunningNumber = runningNumber,
            LastFollowUpAt = now,
            Conflicts = [.. lead.Conflicts, .. conflicts],
        };
        Transaction.Write(leadId, lead);
        Transaction.Write(managerId, manager with
        {
            ClaimDay = today,
            ClaimsOnDay = claimsToday + 1,
            OpenClaims = [.. manager.OpenClaims, leadId],
        });
        Transaction.Write(lead.CustomerId, customer with
        {
            Name = lead.Name,
            Phone = lead.Phone,
            OpenLeads = [.. customer.OpenLeads, new CustomerLead(leadId, storeId, managerId, now)],
        });

        await StoreBoard.PublishAsync(Transaction, storeId, new BoardChange(
            "lead-claimed",
            now,
            $"Pool lead claimed by {manager.Name} (No. {runningNumber})",
            Lead: LeadViews.ToBoardLead(leadId, lead)));

        State = State with { Leads = [.. Current(now).Select(e => e.LeadId == leadId ? e with { ClaimedAt = now } : e)] };
        PublishPool("pool-lead-claimed", View(leadId, lead));
        Transaction.SetReminder(ProtectionPrefix + leadId, now.AddDays(rules.Pool.ProtectionDays));
        return new ClaimOutcome(true, leadId, storeId, managerId, null, $"Claimed by {managerId} for store {storeId}.", holder, null, conflicts);
    }

    /// <inheritdoc />
    public async Task ReceiveReminderAsync(string name, string? payload, DateTimeOffset dueAt)
    {
        if (!name.StartsWith(ProtectionPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var leadId = name[ProtectionPrefix.Length..];
        var lead = await Transaction.ReadAsync<LeadState>(leadId);
        if (lead.ClaimedBy is not { } holder || !lead.Open || lead.Deposit is not null || lead.Contract is not null)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var expiry = PoolClaimRules.ProtectionExpiry(holder.At, lead.LastFollowUpAt, false, rules.Pool);
        if (expiry > now)
        {
            // A follow-up restarted the protection: look again when it runs out.
            Transaction.SetReminder(name, expiry.Value);
            return;
        }

        await ReturnToPoolAsync(leadId, lead, holder, now);
    }

    /// <summary>No follow-up within the protection period: the lead leaves the store and the claimant cools down.</summary>
    private async Task ReturnToPoolAsync(string leadId, LeadState lead, ClaimHolder holder, DateTimeOffset now)
    {
        var store = await Transaction.ReadAsync<StoreState>(holder.StoreId);
        if (lead.HoldsSlot && lead.DesignerId is { } designerId)
        {
            await LeadRows.FreeSlotAsync(Transaction, designerId, leadId);
        }

        await LeadRows.DropOpenClaimAsync(Transaction, holder.ManagerId, leadId);
        await LeadRows.DropOpenLeadAsync(Transaction, lead.CustomerId, leadId);

        var returned = lead with
        {
            ClaimedBy = null,
            StoreId = null,
            ManagerId = null,
            DesignerId = null,
            HoldsSlot = false,
            Queued = false,
            RunningNumber = null,
            CoolDowns = [.. lead.CoolDowns, PoolClaimRules.CoolDownFor(holder.ManagerId, now, rules.Pool)],
        };
        Transaction.Write(leadId, returned);
        var queue = store.Queue.Where(q => q.LeadId != leadId).ToList();
        Transaction.Write(holder.StoreId, store with
        {
            Queue = queue,
            RecentLeads = [.. store.RecentLeads.Where(r => r.LeadId != leadId)],
        });
        await StoreBoard.PublishAsync(Transaction, holder.StoreId, new BoardChange(
            "lead-returned",
            now,
            $"No. {lead.RunningNumber} returned to the pool (no follow-up in {rules.Pool.ProtectionDays} days)",
            Queue: [.. queue.Select(q => q.LeadId)]));
        State = State with { Leads = [.. Current(now).Where(e => e.LeadId != leadId), new PoolEntry(leadId, null)] };
        PublishPool("pool-lead-returned", View(leadId, returned));
    }

    /// <summary>Unclaimed leads, plus claimed ones for a day so every screen sees who won.</summary>
    private IEnumerable<PoolEntry> Current(DateTimeOffset now) =>
        State.Leads.Where(e => e.ClaimedAt is null || e.ClaimedAt > now.AddDays(-1));

    private void PublishPool(string kind, PoolLeadView view)
    {
        Transaction.Publish(Streams.Pool, kind, view);
        State = State with { Sequence = State.Sequence + 1 };
    }

    private static PoolLeadView View(string leadId, LeadState lead) =>
        new(leadId, lead.Name, lead.Phone, lead.Channel, lead.Source, lead.RegisteredAt, lead.ClaimedBy);

    private static string RefusalCode(ClaimRefusal refusal) => refusal switch
    {
        ClaimRefusal.AlreadyClaimed => "already_claimed",
        ClaimRefusal.DailyLimitReached => "daily_limit",
        ClaimRefusal.OpenLimitReached => "open_limit",
        ClaimRefusal.CoolingDown => "cooling_down",
        _ => refusal.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
