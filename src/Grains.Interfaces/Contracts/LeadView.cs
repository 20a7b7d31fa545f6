using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>Everything known about a lead (full details: the gateway masks for roles that may not see them).</summary>
[GenerateSerializer, Alias("crm.LeadView")]
public sealed record LeadView(
    string LeadId,
    string? StoreId,
    string CustomerId,
    int? RunningNumber,
    string Name,
    string Phone,
    VisitChannel Channel,
    string? ManagerId,
    string? DesignerId,
    LeadStatus Status,
    string Colour,
    bool Open,
    bool Queued,
    DateTimeOffset RegisteredAt,
    ImmutableArray<LeadConflict> Conflicts,
    ImmutableArray<DispatchRecord> Dispatches,
    ImmutableArray<string> RefusedBy,
    SigningRecord? Deposit,
    SigningRecord? Contract,
    MeasurementFee? MeasurementFee,
    ImmutableArray<LeadTask> Tasks,
    ImmutableArray<FollowUp> FollowUps,
    CustomerNeeds? Needs,
    string? ReferrerName,
    string? ClosedReason,
    string? PreviousDesignerId = null,
    string? Community = null,
    string? Address = null,
    string? ReferrerPhone = null,
    string? PaperNumber = null,
    bool LateEntry = false,
    string? CloseReason = null,
    string? Analysis = null,
    CustomerOwner? OwnedBy = null,
    string? ProjectId = null,
    DateTimeOffset? ClosedAt = null,
    DesignerGrade? RequestedGrade = null,
    decimal? DesignFeeRate = null);

/// <summary>One dispatch of the lead, kept for the record (who, by whom, why, in whose group, whether a return customer).</summary>
[GenerateSerializer, Alias("crm.DispatchRecord")]
public sealed record DispatchRecord(string DesignerId, string ManagerId, bool CrossGroup, bool Override, string? Reason, string Summary, ImmutableArray<ExplanationLine> Explanation, DateTimeOffset At, string? GroupManagerId = null, bool ReturnCustomer = false);

/// <summary>A recorded deposit or contract.</summary>
[GenerateSerializer, Alias("crm.SigningRecord")]
public sealed record SigningRecord(decimal Amount, string Name, DateTimeOffset At);

/// <summary>A measurement fee and whether it was handed to finance.</summary>
[GenerateSerializer, Alias("crm.MeasurementFee")]
public sealed record MeasurementFee(decimal Amount, bool HandedToFinance, DateTimeOffset CollectedAt, DateTimeOffset? HandedAt);

/// <summary>
/// A task created by a rule (the three-day follow-up for the designer, the callback for the manager). Its id says the
/// lead and the rule (<c>{leadId}.three-day-follow-up</c>), so a rule creates it once per lead however often it runs.
/// </summary>
/// <param name="State"><see cref="Model.TaskStates"/>: open, done or cancelled.</param>
[GenerateSerializer, Alias("crm.LeadTask")]
public sealed record LeadTask(
    string Kind,
    string AssigneeId,
    DateTimeOffset DueAt,
    string Note,
    string? TaskId = null,
    string State = Model.TaskStates.Open,
    string? Rule = null,
    DateTimeOffset? ClosedAt = null,
    string? ClosedBy = null,
    string? ClosingNote = null);

/// <summary>A recorded follow-up (also restarts a claimed pool lead's protection period).</summary>
[GenerateSerializer, Alias("crm.FollowUp")]
public sealed record FollowUp(string ByUserId, string Note, DateTimeOffset At);

/// <summary>How an open lead is closed without signing.</summary>
[GenerateSerializer, Alias("crm.LeadOutcome")]
public enum LeadOutcome
{
    /// <summary>The customer went elsewhere.</summary>
    Lost,

    /// <summary>Not a real lead (无效).</summary>
    Invalid,
}
