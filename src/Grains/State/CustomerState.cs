using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.State;

/// <summary>A customer's row, keyed by a hash of the normalised phone: open leads chain-wide and the owner.</summary>
public sealed record CustomerState
{
    public string Name { get; init; } = "";

    public string Phone { get; init; } = "";

    public IReadOnlyList<CustomerLead> OpenLeads { get; init; } = [];

    /// <summary>The designer who served the customer last (return customers go back to them).</summary>
    public string? PreviousDesignerId { get; init; }

    /// <summary>Whoever recorded the first deposit or contract; set once.</summary>
    public CustomerOwner? Owner { get; init; }
}

/// <summary>An open lead of the customer.</summary>
public sealed record CustomerLead(string LeadId, string StoreId, string? ManagerId, DateTimeOffset At);
