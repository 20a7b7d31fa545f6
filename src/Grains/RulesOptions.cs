using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains;

/// <summary>The rulebook's configurable numbers (DOMAIN.md: "where the seeds leave a number open").</summary>
public sealed class RulesOptions
{
    /// <summary>Holding caps by rank and season.</summary>
    public HoldingCapTable Caps { get; init; } = HoldingCapTable.Default;

    /// <summary>Pool claim limits, protection and cool-down.</summary>
    public PoolLimits Pool { get; init; } = PoolLimits.Default;

    /// <summary>
    /// The calendar of the pool's daily claim limit: the pool is chain-wide, so "today" is the chain's (HQ's) day.
    /// </summary>
    public string ChainTimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>When a signed lead frees its designer's slot: at the contract (the rulebook) or at the deposit.</summary>
    public SlotFreedAt SlotFreedAt { get; init; } = SlotFreedAt.Contract;

    /// <summary>The three-day rule's delay after a visit.</summary>
    public TimeSpan ThreeDayRule { get; init; } = TimeSpan.FromDays(3);

    /// <summary>How long after the three-day rule fell due its tasks are due.</summary>
    public TimeSpan FollowUpTaskDue { get; init; } = TimeSpan.FromDays(1);

    /// <summary>An open task overdue by more than this is escalated: it appears on the store supervisor's list, flagged.</summary>
    public TimeSpan TaskEscalation { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How far back a paper form filled during an outage may be entered (补录), by its real visit time.</summary>
    public TimeSpan LateEntryWindow { get; init; } = LateEntry.DefaultWindow;

    /// <summary>Days between the manager's callbacks of an in-construction customer (DOMAIN §7: every week).</summary>
    public int WeeklyCallbackDays { get; init; } = 7;

    /// <summary>The designer's site visits required by completion acceptance (eight-level QA: at least 3); fewer are flagged.</summary>
    public int MinimumSiteVisits { get; init; } = 3;

    /// <summary>The after-sales warranty by category (from completion acceptance).</summary>
    public WarrantyOptions Warranty { get; init; } = WarrantyOptions.Default;

    /// <summary>
    /// Customer service's callbacks after completion acceptance and after a repair (the same days, DOMAIN §7: within 3, 10
    /// and 30), and the ticket and re-check a problem heard on any callback starts.
    /// </summary>
    public CallbackOptions Callbacks { get; init; } = CallbackOptions.Default;

    /// <summary>The account manager's quarterly score (DOMAIN §8), <c>Rules:ManagerScore:*</c>.</summary>
    public ManagerScoreOptions ManagerScore { get; init; } = ManagerScoreOptions.Default;

    /// <summary>Lines kept in a store's dispatch ticker.</summary>
    public int TickerLength { get; init; } = 20;

    /// <summary>
    /// Local days of leads a store row keeps for its board (today, and yesterday across the midnight turn). The row is
    /// written by every store call, so this list is kept short; older leads stay reachable by id.
    /// </summary>
    public int RecentDays { get; init; } = 2;
}
