using Orleans.Concurrency;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains;

/// <summary>
/// A store (门店): its groups and designers, duty rotation, leads, queue and board. The store grain alone decides
/// caps, queue, dispatch and its board; it asks the customer grain (and only it) inside a turn who signed first.
/// Commands take the caller's command id: a repeat returns the first result and changes nothing.
/// </summary>
public interface IStoreGrain : IGrainWithStringKey
{
    Task<StoreView> ConfigureAsync(StoreSetup setup);

    Task<StoreView?> GetAsync();

    /// <summary>
    /// Places a new account manager (a group of their own, last in the rotation) or designer (in a manager's group) in
    /// the store, deciding against the store's current set-up in one turn; placing the same person the same way again
    /// changes nothing.
    /// </summary>
    Task<StoreView> PlaceStaffAsync(StaffPlacement placement);

    /// <summary>
    /// A designer or account manager leaves the store (leaving the chain or moving to another store): their open leads,
    /// return-customer links, tasks, pool claims and duty turns are handed over first (a designer's leads back to
    /// dispatch by the rules, a manager's to <see cref="StaffRelease.ReassignTo"/>), then they leave the groups, the
    /// rotation and the directory. A repeat with the same command id returns the first answer.
    /// </summary>
    Task<StaffReleased> ReleaseStaffAsync(StaffRelease release, string? commandId = null);

    /// <summary>A designer moves to another account manager's group of the same store (调组), keeping their leads.</summary>
    Task<DesignerView> MoveDesignerAsync(string designerId, string groupManagerId, string? by, string? commandId = null);

    Task SetDutyOverrideAsync(DateOnly date, string? managerId);

    Task<DutyAnswer> GetDutyAsync(DateOnly date);

    /// <summary>
    /// Sets (or with null removes) the date's duty override, like <see cref="SetDutyOverrideAsync"/>, and hands the date's
    /// unassigned walk-ins to whoever is on duty then (idempotent: a repeat finds nothing left to hand over).
    /// </summary>
    Task<DutyAssigned> AssignDutyAsync(DateOnly date, string? managerId);

    Task SetManagerLeaveAsync(string managerId, DateOnly date, bool onLeave);

    Task SetSeasonAsync(Season season);

    /// <summary>Sets a rank by hand: <see cref="CorrectDesignerRankAsync"/> without a reason (refused once a ranking has run).</summary>
    Task SetDesignerRankAsync(string designerId, int rank);

    /// <summary>
    /// Sets a designer's rank by hand. Once the store's ranks come from a half-month ranking the reason is required and
    /// the change is a manual correction of that ranking (journal <c>rank-corrected</c>, shown as such).
    /// </summary>
    Task CorrectDesignerRankAsync(string designerId, int rank, string? reason, string? by);

    /// <summary>Records the supervisor's facts of a designer's half month (<c>2026-11-H2</c>); again for the same period replaces them.</summary>
    Task<DesignerFactsView> SetDesignerFactsAsync(string designerId, string period, DesignerFacts facts, string? commandId = null);

    /// <summary>
    /// Ranks every group's designers for the half month now (as the sweep does on the 15th and the month's last day):
    /// the ranks take effect at the next period's local midnight (or now, once that has passed).
    /// </summary>
    Task<RankingRunResult> RunRankingAsync(string period, string? by, string? commandId = null);

    Task SetDesignerPresenceAsync(string designerId, bool present);

    Task<VisitRegistered> RegisterVisitAsync(RegisterVisit visit, string? commandId = null);

    /// <summary>Keeps a visitor's feedback form (体验反馈表) in the journal; no lead is created.</summary>
    Task<FeedbackRecorded> RecordFeedbackAsync(RecordFeedback feedback, string? commandId = null);

    /// <summary>What a dispatch by the rules would do now, without doing it.</summary>
    Task<DispatchOutcome> SuggestDispatchAsync(string leadId, string managerId);

    Task<DispatchOutcome> DispatchAsync(DispatchCommand command, string? commandId = null);

    /// <summary>The holding designer refuses the lead (挑肥拣瘦, recorded); it goes back to dispatch.</summary>
    Task<DispatchOutcome> RefuseAsync(string leadId, string designerId, string reason, string? commandId = null);

    Task<SigningOutcome> RecordDepositAsync(string leadId, RecordDeposit deposit, string? commandId = null);

    Task<SigningOutcome> RecordContractAsync(string leadId, RecordContract contract, string? commandId = null);

    /// <summary>Closes an open lead as lost or invalid with a reason (and an analysis when lost), freeing its slot.</summary>
    Task<LeadView> CloseLeadAsync(string leadId, CloseLead close, string? commandId = null);

    /// <summary>
    /// A supervisor or HQ closes a lead holding a deposit: <c>deposit-refunded</c> or <c>deposit-forfeited</c>. Ends the
    /// lead's project (the customer is free again), frees the slot.
    /// </summary>
    Task<LeadView> EndDepositAsync(string leadId, string reason, string? note, string? closedBy, string? commandId = null);

    Task<LeadView> RecordMeasurementAsync(string leadId, decimal? fee, string? commandId = null);

    Task<LeadView> HandFeeToFinanceAsync(string leadId, string? commandId = null);

    Task<LeadView> SetKeyFollowUpAsync(string leadId, bool on, string? commandId = null);

    /// <summary>Records a follow-up; it completes the lead's open follow-up tasks.</summary>
    Task<LeadView> RecordFollowUpAsync(string leadId, string byUserId, string note, string? commandId = null);

    /// <summary>Marks an open task of one of the store's leads done (404 unknown task, 409 when not open).</summary>
    Task<LeadTask> CompleteTaskAsync(string taskId, string byUserId, string? note, string? commandId = null);

    Task<BoardSnapshot> GetBoardAsync();

    /// <summary>A lead the store holds now (open, or closed today and not yet archived); null otherwise.</summary>
    Task<LeadView?> GetLeadAsync(string leadId);

    Task<DesignerView?> GetDesignerAsync(string designerId);

    /// <summary>A manager of the store (open pool claims are the pool's count: 0 here).</summary>
    Task<ManagerView?> GetManagerAsync(string managerId);

    /// <summary>Registers a gateway's observer for live board events (re-subscribe within the expiry to stay on).</summary>
    Task<FeedPosition> SubscribeAsync(IBoardObserver observer);

    Task UnsubscribeAsync(IBoardObserver observer);

    Task<FeedPosition> GetFeedPositionAsync();

    /// <summary>The board events after <paramref name="afterSequence"/>, oldest first, at most <paramref name="maxCount"/>.</summary>
    Task<BoardEventPage> GetEventsAsync(long afterSequence, int maxCount);

    /// <summary>Makes a claimed pool lead one of the store's leads (idempotent); returns its conflicts.</summary>
    Task<ImmutableArray<LeadConflict>> AcceptClaimAsync(ClaimHandoff handoff);

    /// <summary>The pool's one-way delivery of <see cref="AcceptClaimAsync"/>; acknowledged back to the pool.</summary>
    [OneWay]
    Task DeliverClaimAsync(ClaimHandoff handoff);

    /// <summary>A customer's one-way notice about one of the store's leads; acknowledged back to the customer.</summary>
    [OneWay]
    Task DeliverCustomerNoticeAsync(CustomerNotice notice);

    /// <summary>The pool has applied a notice this store sent it.</summary>
    [OneWay]
    Task AcknowledgePoolNoticeAsync(string noticeId);
}
