using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.State;

/// <summary>An open lead as its store keeps it.</summary>
public sealed record LeadState
{
    public string CustomerId { get; init; } = "";

    public int? RunningNumber { get; init; }

    public string Name { get; init; } = "";

    public string Phone { get; init; } = "";

    public VisitChannel Channel { get; init; }

    public string? ManagerId { get; init; }

    public string? DesignerId { get; init; }

    /// <summary>True while the lead occupies a slot of <see cref="DesignerId"/> (dispatched, not signed or closed).</summary>
    public bool HoldsSlot { get; init; }

    public LeadStatus Status { get; init; }

    public bool Measured { get; init; }

    public bool Open { get; init; } = true;

    public bool Queued { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>The designer who served the customer before this visit (a return customer, 回头客), as the customer said.</summary>
    public string? PreviousDesignerId { get; init; }

    public ImmutableList<LeadConflict> Conflicts { get; init; } = [];

    public ImmutableList<DispatchRecord> Dispatches { get; init; } = [];

    public ImmutableList<string> RefusedBy { get; init; } = [];

    public SigningRecord? Deposit { get; init; }

    public SigningRecord? Contract { get; init; }

    public MeasurementFee? MeasurementFee { get; init; }

    public ImmutableList<LeadTask> Tasks { get; init; } = [];

    public ImmutableList<FollowUp> FollowUps { get; init; } = [];

    public CustomerNeeds? Needs { get; init; }

    public string? ReferrerName { get; init; }

    public string? ClosedReason { get; init; }

    /// <summary>When the three-day rule checks this lead (null once measured, signed or closed, or once applied).</summary>
    public DateTimeOffset? ThreeDayDueAt { get; init; }

    /// <summary>Posted to the chain pool and claimed by this store.</summary>
    public bool FromPool { get; init; }

    public string? Source { get; init; }

    public ClaimHolder? ClaimedBy { get; init; }

    /// <summary>The claim still counts against the claimant's open claims (not dispatched, signed or closed yet).</summary>
    public bool ClaimOpen { get; init; }

    public DateTimeOffset? LastFollowUpAt { get; init; }

    /// <summary>The residential community (小区) as registered.</summary>
    public string? Community { get; init; }

    public string? Address { get; init; }

    public string? ReferrerPhone { get; init; }

    /// <summary>The number of the paper registration form, for a lead entered after an outage.</summary>
    public string? PaperNumber { get; init; }

    /// <summary>Entered later from a paper form: <see cref="RegisteredAt"/> is when the visitor really came.</summary>
    public bool LateEntry { get; init; }

    /// <summary>Why the lead was closed (<see cref="Model.CloseReasons"/>).</summary>
    public string? CloseReason { get; init; }

    /// <summary>The manager's analysis of a lost lead (对丢、跑单资源必须要有原因分析).</summary>
    public string? Analysis { get; init; }

    /// <summary>Who owns the customer, for a lead lost to another signer.</summary>
    public CustomerOwner? OwnedBy { get; init; }

    /// <summary>The project this lead's deposit or contract opened.</summary>
    public string? ProjectId { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The customer asked for a designer of this grade or above (dispatch goes only to those).</summary>
    public DesignerGrade? RequestedGrade { get; init; }

    /// <summary>The design fee rate of the requested grade (Rules:DesignFee), recorded at registration.</summary>
    public decimal? DesignFeeRate { get; init; }
}
