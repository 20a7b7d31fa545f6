using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains.State;

/// <summary>
/// A project's own work after the deposit: stages, change orders, delays, site visits and callback deadlines (open work
/// only; the history is in the journal). Ownership stays in the customer grain.
/// </summary>
public sealed record ProjectState : DecidingState
{
    /// <summary>Set on first use, from the customer's project (the project exists).</summary>
    public bool Opened { get; init; }

    public string CustomerId { get; init; } = "";

    public string StoreId { get; init; } = "";

    public string? ManagerId { get; init; }

    public string? DesignerId { get; init; }

    /// <summary>The store's calendar (callback deadlines fall on its midnights).</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    public ImmutableList<StageView> Stages { get; init; } = [];

    public ImmutableList<ChangeOrderView> Changes { get; init; } = [];

    public ImmutableList<DelayCertificateView> Delays { get; init; } = [];

    public ImmutableList<SiteVisitView> SiteVisits { get; init; } = [];

    /// <summary>The crew moved in: weekly callbacks run from here.</summary>
    public DateTimeOffset? SiteStartedAt { get; init; }

    /// <summary>Weekly callbacks opened so far (the next is week <c>WeeksOpened + 1</c>).</summary>
    public int WeeksOpened { get; init; }

    /// <summary>Completion accepted (the customer grain ended the ownership).</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    public bool SiteVisitsFlagged { get; init; }

    /// <summary>After-care callbacks not opened yet (the sweep opens each at its time).</summary>
    public ImmutableList<ScheduledCallback> Scheduled { get; init; } = [];

    /// <summary>The project's callback tasks (open ones and the recently closed).</summary>
    public ImmutableList<LeadTask> Tasks { get; init; } = [];
}
