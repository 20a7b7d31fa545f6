using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>First signer wins (以谁定单为准), the status pipeline, closing, measurement fees, follow-ups.</summary>
public sealed partial class StoreGrain
{
    private const decimal MaxAmount = 100_000_000m;

    /// <inheritdoc />
    public Task<SigningOutcome> RecordDepositAsync(string leadId, RecordDeposit deposit, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(deposit);
        var payer = SigningName(deposit.PayerName, "payerName");
        CheckAmount(deposit.Amount);
        if (await LostToAsync(leadId) is { } lostTo)
        {
            AfterCommit(() => Metrics.Signed(Key, contract: false, won: false));
            return lostTo;
        }

        var lead = OpenLead(leadId);
        if (lead.Deposit is not null)
        {
            throw CrmException.Conflict("leadId", $"Lead {leadId} already has a deposit ({lead.Deposit.Amount} from {lead.Deposit.Name}).");
        }

        var now = Now;
        var decision = await Customer(lead.CustomerId).SignAsync(new SignRequest(leadId, Key, lead.ManagerId, lead.DesignerId, now, Contract: false, deposit.Amount));
        if (!decision.Accepted)
        {
            return await LoseAsync(leadId, lead, decision.Owner, contract: false);
        }

        // 每签一单补一单: by the rulebook the designer keeps the slot through the deposit and frees it at the contract.
        if (rules.SlotFreedAt.FreesSlot(contract: false))
        {
            lead = Release(leadId, lead);
        }

        lead = SettleClaim(leadId, lead) with
        {
            Deposit = new SigningRecord(deposit.Amount, payer, now),
            Status = LeadStatus.Deposit,
            LastFollowUpAt = now,
            ThreeDayDueAt = null,
            ProjectId = decision.Owner.ProjectId,
        };
        State = State with { Leads = State.Leads.SetItem(leadId, lead) };
        Record(JournalKinds.DepositRecorded, Key, leadId, new DepositRecorded(leadId, lead.RunningNumber, lead.ManagerId, lead.DesignerId, deposit.Amount));
        await CloseRivalsHereAsync(leadId, lead.CustomerId, decision.Owner);
        await DrainQueueAsync();
        Publish(new BoardChange(
            "deposit-recorded",
            now,
            $"No. {lead.RunningNumber}: deposit {deposit.Amount:0.##} — the customer belongs to {Key}",
            Lead: ToBoardLead(leadId, lead),
            Designers: DesignerCards(lead.DesignerId),
            Queue: QueueIds()));
        AfterCommit(() => Metrics.Signed(Key, contract: false, won: true));
        return new SigningOutcome(true, leadId, decision.Owner, DepositMessage(leadId));
    }, SigningReplay(DepositMessage));

    /// <inheritdoc />
    public Task<SigningOutcome> RecordContractAsync(string leadId, RecordContract contract, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(contract);
        var signer = SigningName(contract.SignerName, "signerName");
        CheckAmount(contract.Amount);
        if (await LostToAsync(leadId) is { } lostTo)
        {
            AfterCommit(() => Metrics.Signed(Key, contract: true, won: false));
            return lostTo;
        }

        var lead = OpenLead(leadId);
        if (lead.Deposit is { } deposit && !SameName(deposit.Name, signer))
        {
            throw CrmException.Invalid("signerName", $"The name on the contract must match the deposit's payer ({deposit.Name}).");
        }

        var now = Now;
        var decision = await Customer(lead.CustomerId).SignAsync(new SignRequest(leadId, Key, lead.ManagerId, lead.DesignerId, now, Contract: true, contract.Amount));
        if (!decision.Accepted)
        {
            return await LoseAsync(leadId, lead, decision.Owner, contract: true);
        }

        // A contract always frees the slot (if the deposit did not already).
        lead = Release(leadId, lead);
        lead = SettleClaim(leadId, lead) with
        {
            Contract = new SigningRecord(contract.Amount, signer, now),
            Status = LeadStatus.Signed,
            Open = false,
            LastFollowUpAt = now,
            ThreeDayDueAt = null,
            ProjectId = decision.Owner.ProjectId,
        };

        // The signing cycle runs from the first dispatch to the designer who signed.
        var dispatchedAt = lead.Dispatches.FirstOrDefault(d => d.DesignerId == lead.DesignerId)?.At;
        Record(JournalKinds.ContractSigned, Key, leadId, new ContractSigned(leadId, lead.RunningNumber, lead.ManagerId, lead.DesignerId, contract.Amount, dispatchedAt, lead.ProjectId, lead.RegisteredAt));

        // The customer grain has already taken a signed lead off the open ones.
        await ArchiveAsync(leadId, lead);
        await CloseRivalsHereAsync(leadId, lead.CustomerId, decision.Owner);
        await DrainQueueAsync();
        Publish(new BoardChange(
            "contract-signed",
            now,
            $"No. {lead.RunningNumber}: contract signed ({contract.Amount:0.##})",
            Lead: ToBoardLead(leadId, lead),
            Designers: DesignerCards(lead.DesignerId),
            Queue: QueueIds(),
            Ticker: new TickerLine(now, leadId, lead.DesignerId, $"No. {lead.RunningNumber} signed 签单")));
        AfterCommit(() => Metrics.Signed(Key, contract: true, won: true));
        return new SigningOutcome(true, leadId, decision.Owner, ContractMessage(leadId));
    }, SigningReplay(ContractMessage));

    /// <inheritdoc />
    public Task<LeadView> CloseLeadAsync(string leadId, CloseLead close, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        ArgumentNullException.ThrowIfNull(close);
        var (reason, analysis) = CloseRules.Check(close.Outcome, close.Reason, close.Analysis);
        var lead = OpenLead(leadId);
        if (lead.Deposit is not null)
        {
            throw CrmException.Conflict("outcome", $"Lead {leadId} has a deposit; it can only go on to a contract.");
        }

        var note = close.Note?.Trim() is { Length: > 0 } given ? given : $"{close.Outcome.ToString().ToLowerInvariant()}: {reason}";
        lead = await CloseAsync(leadId, lead, close.Outcome == LeadOutcome.Lost ? LeadStatus.Lost : LeadStatus.Invalid, note, reason, analysis, closedBy: close.ClosedBy);
        await DrainQueueAsync();
        Publish(new BoardChange(
            "lead-closed",
            Now,
            $"No. {lead.RunningNumber} closed: {close.Outcome} ({reason})",
            Lead: ToBoardLead(leadId, lead),
            Designers: DesignerCards(lead.DesignerId),
            Queue: QueueIds()));
        return LeadViews.From(leadId, Key, lead);
    }, LeadReplay);

    /// <inheritdoc />
    public Task<LeadView> EndDepositAsync(string leadId, string reason, string? note, string? closedBy, string? commandId = null) => CommandAsync(commandId, async () =>
    {
        if (!CloseReasons.DepositEnding.Contains(reason))
        {
            throw CrmException.Invalid("reason", $"'{reason}' does not end a deposit: use one of {string.Join(", ", CloseReasons.DepositEnding)}.");
        }

        var lead = OpenLead(leadId);
        if (lead.Deposit is null)
        {
            throw CrmException.Conflict("reason", $"Lead {leadId} has no deposit to refund or forfeit.");
        }

        // The customer decides ownership: the project ends there first (a store → customer call, never the reverse).
        if (lead.ProjectId is { } projectId)
        {
            await Customer(lead.CustomerId).ReleaseProjectAsync(projectId, leadId, reason, closedBy);
        }

        var summary = reason == CloseReasons.DepositRefunded ? "deposit refunded 退定金" : "deposit forfeited 定金没收";
        lead = await CloseAsync(leadId, lead, LeadStatus.Lost, note?.Trim() is { Length: > 0 } text ? text : summary, reason, closedBy: closedBy);
        await DrainQueueAsync();
        PublishClosed(leadId, lead, summary);
        return LeadViews.From(leadId, Key, lead);
    }, LeadReplay);

    /// <inheritdoc />
    public Task<LeadView> RecordMeasurementAsync(string leadId, decimal? fee, string? commandId = null) => CommandAsync(commandId, () =>
    {
        if (fee is { } amount)
        {
            CheckAmount(amount);
        }

        var lead = OpenLead(leadId);
        var now = Now;
        if (!lead.Measured)
        {
            Record(JournalKinds.LeadMeasured, Key, leadId, new LeadMeasured(leadId, lead.RunningNumber, lead.ManagerId, lead.DesignerId, fee));
        }

        lead = lead with
        {
            Measured = true,
            Status = lead.Status is LeadStatus.Normal ? LeadStatus.Measured : lead.Status,
            MeasurementFee = fee is { } collected ? new MeasurementFee(collected, false, now, null) : lead.MeasurementFee,
            LastFollowUpAt = now,
            ThreeDayDueAt = null,
        };
        return Task.FromResult(UpdateLead(leadId, lead, $"No. {lead.RunningNumber}: measured 已量房"));
    }, LeadReplay);

    /// <inheritdoc />
    public Task<LeadView> HandFeeToFinanceAsync(string leadId, string? commandId = null) => CommandAsync(commandId, () =>
    {
        var lead = OpenLead(leadId);
        if (lead.MeasurementFee is not { } fee)
        {
            throw CrmException.Conflict("leadId", $"Lead {leadId} has no measurement fee recorded.");
        }

        return Task.FromResult(fee.HandedToFinance
            ? LeadViews.From(leadId, Key, lead)
            : UpdateLead(leadId, lead with { MeasurementFee = fee with { HandedToFinance = true, HandedAt = Now } }, $"No. {lead.RunningNumber}: measurement fee handed to finance"));
    }, LeadReplay);

    /// <inheritdoc />
    public Task<LeadView> SetKeyFollowUpAsync(string leadId, bool on, string? commandId = null) => CommandAsync(commandId, () =>
    {
        var lead = OpenLead(leadId);
        var status = (on, lead.Status) switch
        {
            (true, LeadStatus.Normal or LeadStatus.Measured) => LeadStatus.KeyFollowUp,
            (false, LeadStatus.KeyFollowUp) => lead.Measured ? LeadStatus.Measured : LeadStatus.Normal,
            _ => lead.Status,
        };
        if (status != lead.Status)
        {
            Record(JournalKinds.KeyFollowUp, Key, leadId, new KeyFollowUpChanged(leadId, on, status));
        }

        return Task.FromResult(UpdateLead(leadId, lead with { Status = status }, $"No. {lead.RunningNumber}: {(on ? "key follow-up 重点追踪" : "key follow-up ended")}"));
    }, LeadReplay);

    /// <inheritdoc />
    public Task<LeadView> RecordFollowUpAsync(string leadId, string byUserId, string note, string? commandId = null) => CommandAsync(commandId, () =>
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw CrmException.Invalid("note", "A follow-up needs a note.");
        }

        var lead = OpenLead(leadId);
        var now = Now;
        lead = lead with { FollowUps = BoundedLog.Last(lead.FollowUps.Add(new FollowUp(byUserId, note.Trim(), now)), Options.LeadHistory), LastFollowUpAt = now };

        // A recorded follow-up (or callback) is what the lead's follow-up tasks ask for: they are done.
        lead = CloseTasks(lead, _ => true, TaskStates.Done, byUserId, note.Trim());
        Record(JournalKinds.FollowUpRecorded, Key, leadId, new FollowUpRecorded(leadId, lead.RunningNumber, lead.ManagerId, lead.DesignerId, byUserId));
        return Task.FromResult(UpdateLead(leadId, lead, $"No. {lead.RunningNumber}: follow-up recorded"));
    }, LeadReplay);

    /// <summary>A lead command is remembered by the lead's id: a repeat answers with the lead as it is now.</summary>
    private Replay<LeadView> LeadReplay => new(lead => lead.LeadId, LeadNowAsync);

    private static string DepositMessage(string leadId) => $"Deposit recorded; lead {leadId} owns the customer.";

    private static string ContractMessage(string leadId) => $"Contract signed; lead {leadId} owns the customer.";

    /// <summary>
    /// A signing is remembered as won or lost and the lead's id: a repeat names the customer's owner again (the first
    /// signer never changes while the lead is open).
    /// </summary>
    private Replay<SigningOutcome> SigningReplay(Func<string, string> wonMessage) => new(
        outcome => (outcome.Accepted ? "won:" : "lost:") + outcome.LeadId,
        async reference =>
        {
            var leadId = reference[(reference.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (reference.StartsWith("lost:", StringComparison.Ordinal) && await LostToAsync(leadId) is { } lost)
            {
                return lost;
            }

            var lead = await LeadNowAsync(leadId);
            var customer = Customer(lead.CustomerId);
            var owner = (lead.ProjectId is { } projectId ? (await customer.GetProjectAsync(projectId))?.Owner : null)
                ?? lead.OwnedBy
                ?? (await customer.GetAsync())?.Owner
                ?? throw new InvalidOperationException($"Lead {leadId} signed, but its customer has no owner.");
            return owner.LeadId == leadId
                ? new SigningOutcome(true, leadId, owner, wonMessage(leadId))
                : new SigningOutcome(false, leadId, owner, LostReason(owner));
        });

    /// <summary>The lead as it is now: held by this store, or archived once closed (what a repeated lead command answers).</summary>
    private async Task<LeadView> LeadNowAsync(string leadId) =>
        State.Leads.TryGetValue(leadId, out var lead)
            ? LeadViews.From(leadId, Key, lead)
            : await GrainFactory.GetGrain<ILeadGrain>(leadId).GetAsync() ?? throw CrmException.NotFound("leadId", $"Lead {leadId} is not a lead of store {Key}.");

    private LeadView UpdateLead(string leadId, LeadState lead, string summary)
    {
        State = State with { Leads = State.Leads.SetItem(leadId, lead) };
        Publish(new BoardChange("lead-updated", Now, summary, Lead: ToBoardLead(leadId, lead)));
        return LeadViews.From(leadId, Key, lead);
    }

    /// <summary>
    /// The customer already belongs to another lead: this attempt is refused, naming the owner and the time, and this
    /// losing lead is closed with its slot freed (DOMAIN.md §5). The customer grain tells every other rival itself.
    /// </summary>
    private async Task<SigningOutcome> LoseAsync(string leadId, LeadState lead, CustomerOwner owner, bool contract)
    {
        var reason = LostReason(owner);
        lead = await CloseAsync(leadId, lead, LeadStatus.Lost, reason, CloseReasons.OwnedElsewhere, ownedBy: owner);
        await DrainQueueAsync();
        PublishClosed(leadId, lead, reason);
        AfterCommit(() => Metrics.Signed(Key, contract, won: false));
        return new SigningOutcome(false, leadId, owner, reason);
    }

    /// <summary>
    /// A lead of this store that another signer already closed (the customer's notice can arrive before the losing side
    /// tries to sign): the attempt gets the same refusal naming the owner, as if it had raced. Null for any other lead.
    /// </summary>
    private async Task<SigningOutcome?> LostToAsync(string leadId)
    {
        if (State.Leads.ContainsKey(leadId) || !WasLeadHere(leadId)
            || await GrainFactory.GetGrain<ILeadGrain>(leadId).GetAsync() is not { Status: LeadStatus.Lost } archived
            || (archived.OwnedBy ?? (archived.CloseReason is null ? (await Customer(archived.CustomerId).GetAsync())?.Owner : null)) is not { } owner
            || owner.LeadId == leadId)
        {
            return null;
        }

        return new SigningOutcome(false, leadId, owner, LostReason(owner));
    }

    /// <summary>Other open leads of the customer in this store are lost to the owner at once; other stores hear from the customer.</summary>
    private async Task CloseRivalsHereAsync(string ownerLeadId, string customerId, CustomerOwner owner)
    {
        foreach (var (rivalId, rival) in State.Leads.Where(l => l.Key != ownerLeadId && l.Value.CustomerId == customerId).ToList())
        {
            var closed = await CloseAsync(rivalId, rival, LeadStatus.Lost, LostReason(owner), CloseReasons.OwnedElsewhere, ownedBy: owner);
            PublishClosed(rivalId, closed, closed.ClosedReason!);
        }
    }

    private void PublishClosed(string leadId, LeadState lead, string reason) => Publish(new BoardChange(
        "lead-closed",
        Now,
        $"No. {lead.RunningNumber} closed: {reason}",
        Lead: ToBoardLead(leadId, lead),
        Designers: DesignerCards(lead.DesignerId),
        Queue: QueueIds()));

    private static string LostReason(CustomerOwner owner) =>
        $"The customer already signed with store {owner.StoreId} (manager {owner.ManagerId ?? "-"}, designer {owner.DesignerId ?? "-"}) at {owner.At:u}.";

    /// <summary>Closes an open lead: frees its slot, settles a pool claim, tells the customer, archives it.</summary>
    private async Task<LeadState> CloseAsync(
        string leadId, LeadState lead, LeadStatus status, string reason, string? closeReason = null, string? analysis = null, CustomerOwner? ownedBy = null, string? closedBy = null)
    {
        lead = SettleClaim(leadId, Release(leadId, lead)) with
        {
            Status = status,
            Open = false,
            ClosedReason = reason,
            ThreeDayDueAt = null,
            CloseReason = closeReason,
            Analysis = analysis,
            OwnedBy = ownedBy,
            ClosedAt = Now,
        };
        lead = CancelTasks(lead, closedBy, "lead closed");
        Record(JournalKinds.LeadClosed, Key, leadId, new LeadClosed(leadId, lead.RunningNumber, lead.ManagerId, lead.DesignerId, status, closeReason, analysis, reason, ownedBy, closedBy));
        await Customer(lead.CustomerId).DropLeadAsync(leadId);
        await ArchiveAsync(leadId, lead);
        return lead;
    }

    /// <summary>
    /// Hands a closed lead to its archive grain (a leaf that calls nobody) and keeps only its board card while it is
    /// recent. The archive is written before this store's state: if this call then fails, the store still holds the
    /// lead open and is read first, and a retry archives it again.
    /// </summary>
    private async Task ArchiveAsync(string leadId, LeadState lead)
    {
        // A signed lead leaves the store too: nothing is left to follow up.
        lead = CancelTasks(lead, null, "lead closed");
        await GrainFactory.GetGrain<ILeadGrain>(leadId).ArchiveAsync(LeadViews.From(leadId, Key, lead));
        State = State with
        {
            Leads = State.Leads.Remove(leadId),
            ClosedCards = State.RecentLeads.Any(r => r.LeadId == leadId) ? State.ClosedCards.SetItem(leadId, ToBoardLead(leadId, lead)) : State.ClosedCards,
        };
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
