using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>Intake (接待): registration, cross-resource conflicts, the three-day rule.</summary>
public sealed partial class StoreGrain
{
    /// <inheritdoc />
    public async Task<VisitRegistered> RegisterVisitAsync(RegisterVisit visit)
    {
        EnsureConfigured();
        var name = VisitValidator.Name(visit.Name);
        var phone = VisitValidator.Phone(visit.Phone);
        if (visit.Channel == VisitChannel.Referral && string.IsNullOrWhiteSpace(visit.ReferrerName))
        {
            throw CrmException.Invalid("referrerName", "A referral records who referred the customer.");
        }

        if (visit.AppointmentWith is { } appointed && !IsManager(appointed))
        {
            throw CrmException.Invalid("appointmentWith", $"{appointed} is not an account manager of store {Key}.");
        }

        var now = Now;
        var today = Today;

        // An appointment goes to whoever made it; a walk-in to today's on-duty manager (nobody on an unassigned rest day).
        var managerId = visit.AppointmentWith ?? (await RosterAsync()).OnDuty(today);
        var runningNumber = State.LastRunningNumber + 1;
        var leadId = $"{Key}-{runningNumber}";
        var customerId = CustomerIds.For(phone);
        var customer = await Transaction.ReadAsync<CustomerState>(customerId);

        var conflicts = await StoreBoard.FlagConflictsAsync(Transaction, customer, leadId, Key, managerId, now, PublishToStoreAsync);
        var lead = new LeadState
        {
            Exists = true,
            StoreId = Key,
            CustomerId = customerId,
            RunningNumber = runningNumber,
            Name = name,
            Phone = phone,
            Channel = visit.Channel,
            ManagerId = managerId,
            Status = LeadStatus.Normal,
            Open = true,
            RegisteredAt = now,
            Conflicts = conflicts,
            Needs = visit.Needs,
            ReferrerName = visit.ReferrerName?.Trim(),
        };
        await Transaction.ReadAsync<LeadState>(leadId);
        Transaction.Write(leadId, lead);
        Transaction.Write(customerId, customer with
        {
            Name = name,
            Phone = phone,
            OpenLeads = [.. customer.OpenLeads, new CustomerLead(leadId, Key, managerId, now)],
        });
        State = State with
        {
            LastRunningNumber = runningNumber,
            RecentLeads = [.. State.RecentLeads.Where(r => r.Date > today.AddDays(-rules.RecentDays)), new RecentLead(leadId, today)],
        };
        Transaction.SetReminder(ThreeDayReminderPrefix + leadId, now + rules.ThreeDayRule);

        var returning = customer.PreviousDesignerId is not null;
        Publish(new BoardChange(
            "visit-registered",
            now,
            $"No. {runningNumber} {channelName(visit.Channel)} → {managerId ?? "no manager on duty"}{(returning ? " (return customer)" : "")}{(conflicts.Count > 0 ? " ⚠ conflict" : "")}",
            Lead: ToBoardLead(leadId, lead)));
        return new VisitRegistered(customerId, leadId, runningNumber, managerId, returning, customer.PreviousDesignerId, conflicts);

        static string channelName(VisitChannel channel) => channel.ToString();
    }

    /// <summary>Publishes to this or another store's board.</summary>
    private Task PublishToStoreAsync(string storeId, BoardChange change)
    {
        if (storeId != Key)
        {
            return StoreBoard.PublishAsync(Transaction, storeId, change);
        }

        Publish(change);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Three days after the visit with no measurement: a follow-up task for the designer and a callback task for
    /// the manager (seed 000).
    /// </summary>
    private async Task ApplyThreeDayRuleAsync(string leadId)
    {
        var lead = await Transaction.ReadAsync<LeadState>(leadId);
        if (!lead.Exists || !lead.Open || lead.Measured || lead.StoreId != Key || lead.Deposit is not null)
        {
            return;
        }

        var now = Now;
        var tasks = new List<LeadTask>(lead.Tasks);
        if (lead.DesignerId is { } designerId)
        {
            tasks.Add(new LeadTask("follow-up", designerId, now.AddDays(1), "Three-day rule: no measurement requested yet; follow up with the customer."));
        }

        if (lead.ManagerId is { } managerId)
        {
            tasks.Add(new LeadTask("callback", managerId, now.AddDays(1), "Three-day rule: phone the customer and record the callback."));
        }

        var updated = lead with { Tasks = tasks };
        Transaction.Write(leadId, updated);
        Publish(new BoardChange("task-created", now, $"No. {lead.RunningNumber}: three-day rule — follow-up and callback due", Lead: ToBoardLead(leadId, updated)));
    }
}
