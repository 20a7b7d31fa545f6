using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.State;

/// <summary>A customer (keyed by a hash of the normalised phone): open leads chain-wide, the owner, and notices to stores.</summary>
public sealed record CustomerState : DecidingState
{
    public string Name { get; init; } = "";

    public string Phone { get; init; } = "";

    public ImmutableList<CustomerLead> OpenLeads { get; init; } = [];

    /// <summary>The designer who served the customer last (return customers go back to them).</summary>
    public string? PreviousDesignerId { get; init; }

    /// <summary>Whoever recorded the first deposit or contract; set once.</summary>
    public CustomerOwner? Owner { get; init; }

    /// <summary>Notices to stores not yet acknowledged (conflicts, leads lost to the owner).</summary>
    public ImmutableList<CustomerNotice> Notices { get; init; } = [];

    /// <summary>The reminder that repeats notices after a crash is registered (it is removed once none are pending).</summary>
    public bool ReminderOn { get; init; }
}
