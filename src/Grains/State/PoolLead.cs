using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains.State;

/// <summary>A lead in the pool.</summary>
public sealed record PoolLead
{
    public string CustomerId { get; init; } = "";

    public string Name { get; init; } = "";

    public string Phone { get; init; } = "";

    public VisitChannel Channel { get; init; }

    public string? Source { get; init; }

    public CustomerNeeds? Needs { get; init; }

    public ImmutableList<FollowUp> FollowUps { get; init; } = [];

    public DateTimeOffset PostedAt { get; init; }

    public ClaimHolder? ClaimedBy { get; init; }

    /// <summary>The claimant's store acknowledged the hand-off.</summary>
    public bool HandedOff { get; init; }

    public ImmutableList<PoolCoolDown> CoolDowns { get; init; } = [];
}
