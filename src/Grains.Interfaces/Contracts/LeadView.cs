using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>Everything known about a lead (full details: the gateway masks for roles that may not see them).</summary>
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
    IReadOnlyList<LeadConflict> Conflicts,
    IReadOnlyList<DispatchRecord> Dispatches,
    IReadOnlyList<string> RefusedBy,
    SigningRecord? Deposit,
    SigningRecord? Contract,
    MeasurementFee? MeasurementFee,
    IReadOnlyList<LeadTask> Tasks,
    IReadOnlyList<FollowUp> FollowUps,
    CustomerNeeds? Needs,
    string? ReferrerName,
    string? ClosedReason);

/// <summary>One dispatch of the lead, kept for the record (who, by whom, why).</summary>
public sealed record DispatchRecord(string DesignerId, string ManagerId, bool CrossGroup, bool Override, string? Reason, string Summary, IReadOnlyList<ExplanationLine> Explanation, DateTimeOffset At);

/// <summary>A recorded deposit or contract.</summary>
public sealed record SigningRecord(decimal Amount, string Name, DateTimeOffset At);

/// <summary>A measurement fee and whether it was handed to finance.</summary>
public sealed record MeasurementFee(decimal Amount, bool HandedToFinance, DateTimeOffset CollectedAt, DateTimeOffset? HandedAt);

/// <summary>A task created by a rule (the three-day follow-up for the designer, the callback for the manager).</summary>
public sealed record LeadTask(string Kind, string AssigneeId, DateTimeOffset DueAt, string Note);

/// <summary>A recorded follow-up (also restarts a claimed pool lead's protection period).</summary>
public sealed record FollowUp(string ByUserId, string Note, DateTimeOffset At);

/// <summary>How an open lead is closed without signing.</summary>
public enum LeadOutcome
{
    /// <summary>The customer went elsewhere.</summary>
    Lost,

    /// <summary>Not a real lead (无效).</summary>
    Invalid,
}
