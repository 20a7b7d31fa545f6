using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>A lead without a store, posted to the chain's pool (公海).</summary>
[GenerateSerializer, Alias("crm.PostPoolLead")]
public sealed record PostPoolLead(string Name, string Phone, VisitChannel Channel, string? Source = null, string? Note = null, CustomerNeeds? Needs = null);

/// <summary>The posted lead.</summary>
[GenerateSerializer, Alias("crm.PoolLeadPosted")]
public sealed record PoolLeadPosted(string LeadId, string CustomerId);

/// <summary>A pool lead as listed.</summary>
[GenerateSerializer, Alias("crm.PoolLeadView")]
public sealed record PoolLeadView(string LeadId, string Name, string Phone, VisitChannel Channel, string? Source, DateTimeOffset PostedAt, ClaimHolder? ClaimedBy);

/// <summary>Who holds a claimed pool lead.</summary>
[GenerateSerializer, Alias("crm.ClaimHolder")]
public sealed record ClaimHolder(string StoreId, string ManagerId, DateTimeOffset At);

/// <summary>A claim's result: won, or refused with the reason (and the winner when someone else has it).</summary>
/// <param name="Refusal">null when claimed; already_claimed | daily_limit | open_limit | cooling_down.</param>
[GenerateSerializer, Alias("crm.ClaimOutcome")]
public sealed record ClaimOutcome(
    bool Claimed,
    string LeadId,
    string? StoreId,
    string? ManagerId,
    string? Refusal,
    string Message,
    ClaimHolder? ClaimedBy,
    DateTimeOffset? CoolingDownUntil,
    ImmutableArray<LeadConflict> Conflicts);

/// <summary>
/// A claimed pool lead handed to the claimant's store: everything the store needs to make it one of its leads.
/// Delivered by the pool until the store acknowledges it (idempotent by lead id).
/// </summary>
[GenerateSerializer, Alias("crm.ClaimHandoff")]
public sealed record ClaimHandoff(
    string LeadId,
    string CustomerId,
    string Name,
    string Phone,
    VisitChannel Channel,
    string? Source,
    CustomerNeeds? Needs,
    ImmutableArray<FollowUp> FollowUps,
    DateTimeOffset PostedAt,
    ClaimHolder Holder);

/// <summary>
/// Where a pool lead is: still in the pool (<paramref name="Lead"/> as the pool holds it), or claimed by a store
/// (<paramref name="HolderStoreId"/>), with the hand-off while the store has not acknowledged it yet.
/// </summary>
[GenerateSerializer, Alias("crm.PoolLeadLocation")]
public sealed record PoolLeadLocation(LeadView? Lead, string? HolderStoreId, ClaimHandoff? Handoff);

/// <summary>A manager's pool counters, decided by the pool.</summary>
[GenerateSerializer, Alias("crm.ManagerClaims")]
public sealed record ManagerClaims(int ClaimsToday, int OpenClaims);

/// <summary>One event of the chain's lead pool, numbered by the pool grain without gaps.</summary>
[GenerateSerializer, Alias("crm.PoolEvent")]
public sealed record PoolEvent(long Sequence, string Type, DateTimeOffset At, PoolLeadView Lead);

/// <summary>The pool events after a sequence (<paramref name="Complete"/> false: take a snapshot).</summary>
[GenerateSerializer, Alias("crm.PoolEventPage")]
public sealed record PoolEventPage(ImmutableArray<PoolEvent> Events, long LastSequence, bool Complete);

/// <summary>The pool's leads as of (at least) <paramref name="Sequence"/>.</summary>
[GenerateSerializer, Alias("crm.PoolListing")]
public sealed record PoolListing(long Sequence, ImmutableArray<PoolLeadView> Leads);

/// <summary>
/// What a store tells the pool about a claimed lead: it no longer counts as an open claim (dispatched, signed or closed),
/// or it returned to the pool (no follow-up within the protection period). Idempotent by <paramref name="NoticeId"/>.
/// </summary>
/// <param name="Kind"><see cref="Settled"/> or <see cref="Returned"/>.</param>
/// <param name="ClaimedAt">The claim the notice is about (a later claim of the same lead is another claim).</param>
/// <param name="Lead">With <see cref="Returned"/>: the lead as the store held it, to put back in the pool.</param>
[GenerateSerializer, Alias("crm.PoolNotice")]
public sealed record PoolNotice(string NoticeId, string Kind, string LeadId, string StoreId, string ManagerId, DateTimeOffset At, DateTimeOffset ClaimedAt, ClaimHandoff? Lead = null)
{
    /// <summary>The claim no longer counts against the manager's open claims.</summary>
    public const string Settled = "settled";

    /// <summary>The lead goes back to the pool and the claimant cools down.</summary>
    public const string Returned = "returned";
}
