using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains.State;

/// <summary>A lead's row.</summary>
public sealed record LeadState
{
    public bool Exists { get; init; }

    public string? StoreId { get; init; }

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

    public bool Open { get; init; }

    public bool Queued { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    public IReadOnlyList<LeadConflict> Conflicts { get; init; } = [];

    public IReadOnlyList<DispatchRecord> Dispatches { get; init; } = [];

    public IReadOnlyList<string> RefusedBy { get; init; } = [];

    public SigningRecord? Deposit { get; init; }

    public SigningRecord? Contract { get; init; }

    public MeasurementFee? MeasurementFee { get; init; }

    public IReadOnlyList<LeadTask> Tasks { get; init; } = [];

    public IReadOnlyList<FollowUp> FollowUps { get; init; } = [];

    public CustomerNeeds? Needs { get; init; }

    public string? ReferrerName { get; init; }

    public string? ClosedReason { get; init; }

    /// <summary>Posted to the chain pool (it may since have been claimed).</summary>
    public bool FromPool { get; init; }

    public string? Source { get; init; }

    public ClaimHolder? ClaimedBy { get; init; }

    public DateTimeOffset? LastFollowUpAt { get; init; }

    public IReadOnlyList<PoolCoolDown> CoolDowns { get; init; } = [];
}
