using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.State;

/// <summary>A closed lead as its store handed it over.</summary>
public sealed record ArchivedLeadState : DecidingState
{
    public LeadView? Lead { get; init; }
}
