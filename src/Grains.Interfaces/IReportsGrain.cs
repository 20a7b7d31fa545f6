using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// Reports and lists across grains and time, read from the journal (DESIGN rule 9), never by calling the deciding
/// grains. A stateless worker: any silo answers, several at once; use key 0.
/// </summary>
public interface IReportsGrain : IGrainWithIntegerKey
{
    /// <summary>How many journal events the store has (a cheap probe that the journal answers).</summary>
    Task<int> CountStoreEventsAsync(string storeId, string kind);

    /// <summary>
    /// Follow-up tasks of a store (null: every store) and/or an assignee, optionally in one state, earliest due first.
    /// With <paramref name="escalatedOfStore"/>, the store's escalated tasks (open and overdue by more than the
    /// escalation delay) are added, whoever they are assigned to: the store supervisor's list.
    /// </summary>
    Task<ImmutableArray<TaskView>> GetTasksAsync(string? storeId, string? assigneeId, string? state, bool escalatedOfStore = false);

    /// <summary>The store's fault slips (一般过失单) of a store-local month, oldest first.</summary>
    Task<ImmutableArray<FaultSlipView>> GetFaultSlipsAsync(string storeId, string timeZone, int year, int month);

    /// <summary>The store's lost leads of a store-local month, per manager: counts by reason and the analyses.</summary>
    Task<LostReport> GetLostReportAsync(string storeId, string timeZone, int year, int month);

    /// <summary>The feedback forms (体验反馈表) a store received on its local <paramref name="date"/>, oldest first.</summary>
    Task<ImmutableArray<Contracts.FeedbackEntry>> GetStoreFeedbackAsync(string storeId, DateOnly date, string timeZone);

    /// <summary>
    /// The complaints of the ISO week <paramref name="year"/>-W<paramref name="week"/> (Monday to Monday in
    /// <paramref name="timeZone"/>), per store (one store, or null: every store): counts, breaches by step, repeat
    /// complaints, median times per step.
    /// </summary>
    Task<ComplaintWeekReport> GetComplaintWeekAsync(string? storeId, string timeZone, int year, int week);

    /// <summary>
    /// Tasks of customer-service desks (assignee <c>service:{storeId}</c>): one store's, or with a null store every
    /// store's (HQ's customer service), optionally in one state, earliest due first.
    /// </summary>
    Task<ImmutableArray<TaskView>> GetServiceDeskTasksAsync(string? storeId, string? state);

    /// <summary>A store's projects folded from the journal, newest first; with <paramref name="stage"/> those at that stage.</summary>
    Task<ImmutableArray<StoreProjectView>> GetStoreProjectsAsync(string storeId, string? stage);

    /// <summary>The managers' weekly callbacks due in a store-local month (already due), per manager, with the 10-point score.</summary>
    Task<CallbackReport> GetCallbackReportAsync(string storeId, string timeZone, int year, int month);

    /// <summary>The store's repairs (optionally in one state), each as its latest journal event says, newest report first.</summary>
    Task<ImmutableArray<RepairSummary>> GetRepairsAsync(string storeId, Model.RepairState? state);

    /// <summary>
    /// A store's designer ranking of a half month (<c>2026-11-H2</c>): the period's latest recorded run with any manual
    /// corrections, or, before it has run, a preview from the facts recorded so far.
    /// </summary>
    Task<RankingReport> GetRankingAsync(string storeId, string period);

    /// <summary>
    /// The quarterly scores of a store's account managers (DOMAIN §8), one card per manager in <paramref name="managerIds"/>
    /// order, each term with its inputs: consultations and contracts, callbacks and survey forms as recorded in the
    /// journal, plus the facts entered for the quarter. For a quarter ending a half year (Q2, Q4) each card has the
    /// half-year standing among these managers. <paramref name="quarter"/> is written <c>2026Q4</c>; null: the store's
    /// current quarter.
    /// </summary>
    Task<ImmutableArray<ManagerScoreCard>> GetManagerScoresAsync(string storeId, string timeZone, string? quarter, ImmutableArray<string> managerIds);

    /// <summary>
    /// The HQ report: per store (one, or null: every store the journal knows) and per design group, the last
    /// <paramref name="weeks"/> store-local weeks up to the current one and their totals.
    /// </summary>
    Task<HqReport> GetHqReportAsync(string? storeId, int weeks);

    /// <summary>The store's customer register: the visits registered on the store-local dates [from, to], by running number, each with its status now.</summary>
    Task<ImmutableArray<RegisterRow>> GetRegisterAsync(string storeId, string timeZone, DateOnly from, DateOnly to);

    /// <summary>Audited exports, newest first: of one store (null: all, chain-wide ones included) in [from, to) when given.</summary>
    Task<ImmutableArray<ExportAuditEntry>> GetExportAuditAsync(string? storeId, DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>
    /// The audit of customer data (issue 14), newest first: reads of full details and exports in [from, to), of one
    /// customer (reads only) and/or by one user when given.
    /// </summary>
    Task<ImmutableArray<AuditEntry>> GetAuditAsync(string? customerId, string? userId, DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>
    /// The search (issue 15): leads and customers of one store (null: every store) whose phone contains the typed
    /// digits, whose name contains the typed characters, or with the typed running number, from the journal's blind
    /// index, newest first (at most 20 leads). Unmasked: the caller masks. Invalid <paramref name="q"/> (empty, fewer
    /// than 4 digits or 2 name characters) is an invalid-input error naming <c>q</c>.
    /// </summary>
    Task<ImmutableArray<SearchHit>> SearchAsync(string q, string? storeId);

    /// <summary>
    /// A store's leads as a work list, folded from the journal, by running number: those of one manager and/or held by
    /// one designer when given, only those whose visit was on the store-local today in <paramref name="todayIn"/> (the
    /// store's time zone) when given, only open ones when <paramref name="openOnly"/>. Days since the last follow-up
    /// are counted on the rules' clock.
    /// </summary>
    Task<ImmutableArray<LeadListRow>> GetStoreLeadsAsync(string storeId, string? managerId, string? designerId, string? todayIn, bool openOnly);

    /// <summary>The journal events of one lead of a store (refusals, key follow-up, fault slips, claims, …), oldest first.</summary>
    Task<ImmutableArray<LeadHistoryEntry>> GetLeadHistoryAsync(string storeId, string leadId);
}
