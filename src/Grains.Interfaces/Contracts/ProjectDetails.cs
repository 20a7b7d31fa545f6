namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// A project as <c>GET /api/projects/{projectId}</c> shows it: the customer grain's project (owner: store, manager,
/// designer, lead; amounts; status) with the project grain's stages, change orders, delay certificates and site visits.
/// </summary>
/// <param name="Stages">Every stage in order with its state.</param>
/// <param name="SiteVisitsFlagged">Completion accepted with fewer than the required designer site visits (eight-level QA).</param>
/// <param name="SiteStartedAt">When the crew moved in (weekly callbacks run from here until completion acceptance).</param>
/// <param name="CompletedAt">Completion acceptance (after-care callbacks at +3, +10, +30 days from its store-local date).</param>
[GenerateSerializer, Alias("crm.ProjectDetails")]
public sealed record ProjectDetails(
    string ProjectId,
    string CustomerId,
    string? CustomerName,
    string StoreId,
    string? ManagerId,
    string? DesignerId,
    Model.ProjectStatus Status,
    decimal? DepositAmount,
    decimal? ContractAmount,
    CustomerOwner Owner,
    DateTimeOffset OpenedAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    string? CurrentStage,
    ImmutableArray<StageView> Stages,
    ImmutableArray<ChangeOrderView> Changes,
    ImmutableArray<DelayCertificateView> Delays,
    ImmutableArray<SiteVisitView> SiteVisits,
    bool SiteVisitsFlagged,
    DateTimeOffset? SiteStartedAt,
    DateTimeOffset? CompletedAt);

/// <summary>One stage of a project: <see cref="Model.StageStates"/>; who started and accepted it, with the notes.</summary>
/// <param name="Phase"><c>design</c> or <c>construction</c>.</param>
/// <param name="SentBackReason">The review only: why the supervisor last sent the drawings back.</param>
[GenerateSerializer, Alias("crm.StageView")]
public sealed record StageView(
    string Stage,
    string Phase,
    string State,
    DateTimeOffset? StartedAt = null,
    string? StartedBy = null,
    DateTimeOffset? AcceptedAt = null,
    string? AcceptedBy = null,
    bool CustomerSigned = false,
    string? Note = null,
    string? SentBackReason = null,
    DateTimeOffset? SentBackAt = null);

/// <summary>A change order (设计变更): pending until the customer signs the supplementary agreement.</summary>
[GenerateSerializer, Alias("crm.ChangeOrderView")]
public sealed record ChangeOrderView(string ChangeId, string Description, decimal Cost, string State, DateTimeOffset RequestedAt, string RequestedBy, DateTimeOffset? SignedAt, string? SignedBy);

/// <summary>A delay certificate (延期证明): the construction runs late by <paramref name="Days"/> for a reason.</summary>
[GenerateSerializer, Alias("crm.DelayCertificateView")]
public sealed record DelayCertificateView(string DelayId, int Days, string Reason, DateTimeOffset At, string By, bool CustomerSigned);

/// <summary>A designer's visit to the site.</summary>
[GenerateSerializer, Alias("crm.SiteVisitView")]
public sealed record SiteVisitView(string DesignerId, DateTimeOffset At, string? Note);

/// <summary>A project of a store's list (<c>GET /api/stores/{storeId}/projects</c>), folded from the journal.</summary>
/// <param name="Stage">The stage the project is at: the first not yet accepted (null when all are).</param>
/// <param name="StageState">That stage's state (pending or started).</param>
[GenerateSerializer, Alias("crm.StoreProjectView")]
public sealed record StoreProjectView(
    string ProjectId,
    string CustomerId,
    string StoreId,
    string? ManagerId,
    string? DesignerId,
    Model.ProjectStatus Status,
    string? Stage,
    string? StageState,
    DateTimeOffset OpenedAt,
    DateTimeOffset? EndedAt);
