using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>First signer wins (以谁定单为准), the status pipeline, closing, measurement fees, follow-ups.</summary>
public sealed partial class StoreGrain
{
    private const decimal MaxAmount = 100_000_000m;

    /// <inheritdoc />
    public async Task<SigningOutcome> RecordDepositAsync(string leadId, RecordDeposit deposit)
    {
        var payer = SigningName(deposit.PayerName, "payerName");
        CheckAmount(deposit.Amount);
        var lead = await OpenLeadAsync(leadId);
        var customer = await Transaction.ReadAsync<CustomerState>(lead.CustomerId);
        if (await RefuseIfOwnedElsewhereAsync(leadId, lead, customer) is { } refused)
        {
            return refused;
        }

        if (lead.Deposit is not null)
        {
            throw CrmException.Conflict("leadId", $"Lead {leadId} already has a deposit ({lead.Deposit.Amount} from {lead.Deposit.Name}).");
        }

        var now = Now;
        var owner = customer.Owner ?? new CustomerOwner(Key, lead.ManagerId, lead.DesignerId, leadId, now);
        lead = await ReleaseAsync(leadId, lead);
        lead = lead with { Deposit = new SigningRecord(deposit.Amount, payer, now), Status = LeadStatus.Deposit, LastFollowUpAt = now };
        Transaction.Write(leadId, lead);
        Transaction.Write(lead.CustomerId, customer with { Owner = owner });
        Transaction.CancelReminder(ThreeDayReminderPrefix + leadId);
        await DrainQueueAsync();
        Publish(new BoardChange(
            "deposit-recorded",
            now,
            $"No. {lead.RunningNumber}: deposit {deposit.Amount:0.##} — the customer belongs to {Key}",
            Lead: ToBoardLead(leadId, lead),
            Designers: await DesignerCardsAsync(lead.DesignerId),
            Queue: [.. State.Queue.Select(q => q.LeadId)]));
        return new SigningOutcome(true, leadId, owner, $"Deposit recorded; lead {leadId} owns the customer.");
    }

    /// <inheritdoc />
    public async Task<SigningOutcome> RecordContractAsync(string leadId, RecordContract contract)
    {
        var signer = SigningName(contract.SignerName, "signerName");
        CheckAmount(contract.Amount);
        var lead = await OpenLeadAsync(leadId);
        if (lead.Deposit is { } deposit && !SameName(deposit.Name, signer))
        {
            throw CrmException.Invalid("signerName", $"The name on the contract must match the deposit's payer ({deposit.Name}).");
        }

        var customer = await Transaction.ReadAsync<CustomerState>(lead.CustomerId);
        if (await RefuseIfOwnedElsewhereAsync(leadId, lead, customer) is { } refused)
        {
            return refused;
        }

        var now = Now;
        var owner = customer.Owner ?? new CustomerOwner(Key, lead.ManagerId, lead.DesignerId, leadId, now);
        lead = await ReleaseAsync(leadId, lead);
        lead = lead with { Contract = new SigningRecord(contract.Amount, signer, now), Status = LeadStatus.Signed, Open = false, LastFollowUpAt = now };
        Transaction.Write(leadId, lead);
        Transaction.Write(lead.CustomerId, customer with { Owner = owner, OpenLeads = [.. customer.OpenLeads.Where(o => o.LeadId != leadId)] });
        Transaction.CancelReminder(ThreeDayReminderPrefix + leadId);
        await DrainQueueAsync();
        Publish(new BoardChange(
            "contract-signed",
            now,
            $"No. {lead.RunningNumber}: contract signed ({contract.Amount:0.##})",
            Lead: ToBoardLead(leadId, lead),
            Designers: await DesignerCardsAsync(lead.DesignerId),
            Queue: [.. State.Queue.Select(q => q.LeadId)],
            Ticker: new TickerLine(now, leadId, lead.DesignerId, $"No. {lead.RunningNumber} signed 签单")));
        return new SigningOutcome(true, leadId, owner, $"Contract signed; lead {leadId} owns the customer.");
    }

    /// <inheritdoc />
    public async Task<LeadView> CloseLeadAsync(string leadId, LeadOutcome outcome, string? note)
    {
        var lead = await OpenLeadAsync(leadId);
        if (lead.Deposit is not null)
        {
            throw CrmException.Conflict("outcome", $"Lead {leadId} has a deposit; it can only go on to a contract.");
        }

        lead = await CloseAsync(leadId, lead, outcome == LeadOutcome.Lost ? LeadStatus.Lost : LeadStatus.Invalid, note?.Trim() ?? outcome.ToString().ToLowerInvariant());
        await DrainQueueAsync();
        Publish(new BoardChange(
            "lead-closed",
            Now,
            $"No. {lead.RunningNumber} closed: {outcome}",
            Lead: ToBoardLead(leadId, lead),
            Designers: await DesignerCardsAsync(lead.DesignerId),
            Queue: [.. State.Queue.Select(q => q.LeadId)]));
        return LeadViews.From(leadId, lead);
    }

    /// <inheritdoc />
    public async Task<LeadView> RecordMeasurementAsync(string leadId, decimal? fee)
    {
        if (fee is { } amount)
        {
            CheckAmount(amount);
        }

        var lead = await OpenLeadAsync(leadId);
        var now = Now;
        lead = lead with
        {
            Measured = true,
            Status = lead.Status is LeadStatus.Normal ? LeadStatus.Measured : lead.Status,
            MeasurementFee = fee is { } collected ? new MeasurementFee(collected, false, now, null) : lead.MeasurementFee,
            LastFollowUpAt = now,
        };
        Transaction.Write(leadId, lead);
        Transaction.CancelReminder(ThreeDayReminderPrefix + leadId);
        Publish(new BoardChange("lead-updated", now, $"No. {lead.RunningNumber}: measured 已量房", Lead: ToBoardLead(leadId, lead)));
        return LeadViews.From(leadId, lead);
    }

    /// <inheritdoc />
    public async Task<LeadView> HandFeeToFinanceAsync(string leadId)
    {
        var lead = await LeadOfStoreAsync(leadId);
        if (lead.MeasurementFee is not { } fee)
        {
            throw CrmException.Conflict("leadId", $"Lead {leadId} has no measurement fee recorded.");
        }

        if (!fee.HandedToFinance)
        {
            lead = lead with { MeasurementFee = fee with { HandedToFinance = true, HandedAt = Now } };
            Transaction.Write(leadId, lead);
            Publish(new BoardChange("lead-updated", Now, $"No. {lead.RunningNumber}: measurement fee handed to finance", Lead: ToBoardLead(leadId, lead)));
        }

        return LeadViews.From(leadId, lead);
    }

    /// <inheritdoc />
    public async Task<LeadView> SetKeyFollowUpAsync(string leadId, bool on)
    {
        var lead = await OpenLeadAsync(leadId);
        var status = (on, lead.Status) switch
        {
            (true, LeadStatus.Normal or LeadStatus.Measured) => LeadStatus.KeyFollowUp,
            (false, LeadStatus.KeyFollowUp) => lead.Measured ? LeadStatus.Measured : LeadStatus.Normal,
            _ => lead.Status,
        };
        lead = lead with { Status = status };
        Transaction.Write(leadId, lead);
        Publish(new BoardChange("lead-updated", Now, $"No. {lead.RunningNumber}: {(on ? "key follow-up 重点追踪" : "key follow-up ended")}", Lead: ToBoardLead(leadId, lead)));
        return LeadViews.From(leadId, lead);
    }

    /// <inheritdoc />
    public async Task<LeadView> RecordFollowUpAsync(string leadId, string byUserId, string note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw CrmException.Invalid("note", "A follow-up needs a note.");
        }

        var lead = await OpenLeadAsync(leadId);
        var now = Now;
        lead = lead with { FollowUps = [.. lead.FollowUps, new FollowUp(byUserId, note.Trim(), now)], LastFollowUpAt = now };
        Transaction.Write(leadId, lead);
        Publish(new BoardChange("lead-updated", now, $"No. {lead.RunningNumber}: follow-up recorded", Lead: ToBoardLead(leadId, lead)));
        return LeadViews.From(leadId, lead);
    }

    /// <summary>
    /// The customer already belongs to another lead: this attempt is refused, naming the owner and the time,
    /// and this losing lead is closed with its slot freed (DOMAIN.md §5).
    /// </summary>
    private async Task<SigningOutcome?> RefuseIfOwnedElsewhereAsync(string leadId, LeadState lead, CustomerState customer)
    {
        if (customer.Owner is not { } owner || owner.LeadId == leadId)
        {
            return null;
        }

        var reason = $"The customer already signed with store {owner.StoreId} (manager {owner.ManagerId ?? "-"}, designer {owner.DesignerId ?? "-"}) at {owner.At:u}.";
        lead = await CloseAsync(leadId, lead, LeadStatus.Lost, reason);
        await DrainQueueAsync();
        Publish(new BoardChange(
            "lead-closed",
            Now,
            $"No. {lead.RunningNumber} closed: {reason}",
            Lead: ToBoardLead(leadId, lead),
            Designers: await DesignerCardsAsync(lead.DesignerId),
            Queue: [.. State.Queue.Select(q => q.LeadId)]));
        return new SigningOutcome(false, leadId, owner, reason);
    }

    private async Task<LeadState> CloseAsync(string leadId, LeadState lead, LeadStatus status, string reason)
    {
        lead = await ReleaseAsync(leadId, lead);
        lead = lead with { Status = status, Open = false, ClosedReason = reason };
        Transaction.Write(leadId, lead);
        await LeadRows.DropOpenLeadAsync(Transaction, lead.CustomerId, leadId);
        if (lead.ManagerId is { } managerId)
        {
            await LeadRows.DropOpenClaimAsync(Transaction, managerId, leadId);
        }

        Transaction.CancelReminder(ThreeDayReminderPrefix + leadId);
        return lead;
    }

    private async Task<LeadState> LeadOfStoreAsync(string leadId)
    {
        EnsureConfigured();
        var lead = await Transaction.FindAsync<LeadState>(leadId);
        return lead is { Exists: true } && lead.StoreId == Key
            ? lead
            : throw CrmException.NotFound("leadId", $"Lead {leadId} is not a lead of store {Key}.");
    }

    private static string SigningName(string? name, string field)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is > 0 and <= VisitValidator.MaxNameLength
            ? trimmed
            : throw CrmException.Invalid(field, $"A name of 1 to {VisitValidator.MaxNameLength} characters is required.");
    }

    private static bool SameName(string a, string b) =>
        string.Equals(string.Concat(a.Where(c => !char.IsWhiteSpace(c))), string.Concat(b.Where(c => !char.IsWhiteSpace(c))), StringComparison.OrdinalIgnoreCase);

    private static void CheckAmount(decimal amount)
    {
        if (amount is <= 0 or > MaxAmount)
        {
            throw CrmException.Invalid("amount", $"The amount must be more than 0 and at most {MaxAmount:0}.");
        }
    }
}
