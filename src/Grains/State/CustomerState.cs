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

    /// <summary>
    /// Whoever recorded the first deposit or contract of the open project; cleared when that project is completed or its
    /// deposit refunded or forfeited (the customer may then sign a new project).
    /// </summary>
    public CustomerOwner? Owner { get; init; }

    /// <summary>The customer's latest project (open: it owns the customer; or how it ended).</summary>
    public ProjectView? Project { get; init; }

    /// <summary>Earlier projects, ended (the last few: their history is in the journal).</summary>
    public ImmutableList<ProjectView> EndedProjects { get; init; } = [];

    /// <summary>Projects opened so far (numbers the next project id).</summary>
    public int ProjectCount { get; init; }

    /// <summary>Notices to stores not yet acknowledged (conflicts, leads lost to the owner).</summary>
    public ImmutableList<CustomerNotice> Notices { get; init; } = [];
}
