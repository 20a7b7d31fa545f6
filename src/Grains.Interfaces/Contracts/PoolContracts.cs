using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>A lead without a store, posted to the chain's pool (公海).</summary>
public sealed record PostPoolLead(string Name, string Phone, VisitChannel Channel, string? Source = null, string? Note = null, CustomerNeeds? Needs = null);

/// <summary>The posted lead.</summary>
public sealed record PoolLeadPosted(string LeadId, string CustomerId);

/// <summary>A pool lead as listed.</summary>
public sealed record PoolLeadView(string LeadId, string Name, string Phone, VisitChannel Channel, string? Source, DateTimeOffset PostedAt, ClaimHolder? ClaimedBy);

/// <summary>Who holds a claimed pool lead.</summary>
public sealed record ClaimHolder(string StoreId, string ManagerId, DateTimeOffset At);

/// <summary>A claim's result: won, or refused with the reason (and the winner when someone else has it).</summary>
/// <param name="Refusal">null when claimed; already_claimed | daily_limit | open_limit | cooling_down.</param>
public sealed record ClaimOutcome(
    bool Claimed,
    string LeadId,
    string? StoreId,
    string? ManagerId,
    string? Refusal,
    string Message,
    ClaimHolder? ClaimedBy,
    DateTimeOffset? CoolingDownUntil,
    IReadOnlyList<LeadConflict> Conflicts);
