using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains;

/// <summary>
/// A store (门店): its groups, duty rotation, queue and board. The store decides every change to its leads and
/// designers, so one grain's turn (and the version checks of the rows it touches) keeps caps and queues exact.
/// </summary>
public interface IStoreGrain : IGrainWithStringKey
{
    Task<StoreView> ConfigureAsync(StoreSetup setup);

    Task<StoreView?> GetAsync();

    Task SetDutyOverrideAsync(DateOnly date, string? managerId);

    Task<DutyAnswer> GetDutyAsync(DateOnly date);

    Task SetManagerLeaveAsync(string managerId, DateOnly date, bool onLeave);

    Task SetSeasonAsync(Season season);

    Task SetDesignerRankAsync(string designerId, int rank);

    Task SetDesignerPresenceAsync(string designerId, bool present);

    Task<VisitRegistered> RegisterVisitAsync(RegisterVisit visit);

    /// <summary>What a dispatch by the rules would do now, without doing it.</summary>
    Task<DispatchOutcome> SuggestDispatchAsync(string leadId, string managerId);

    Task<DispatchOutcome> DispatchAsync(DispatchCommand command);

    /// <summary>The holding designer refuses the lead (挑肥拣瘦, recorded); it goes back to dispatch.</summary>
    Task<DispatchOutcome> RefuseAsync(string leadId, string designerId, string reason);

    Task<SigningOutcome> RecordDepositAsync(string leadId, RecordDeposit deposit);

    Task<SigningOutcome> RecordContractAsync(string leadId, RecordContract contract);

    Task<LeadView> CloseLeadAsync(string leadId, LeadOutcome outcome, string? note);

    Task<LeadView> RecordMeasurementAsync(string leadId, decimal? fee);

    Task<LeadView> HandFeeToFinanceAsync(string leadId);

    Task<LeadView> SetKeyFollowUpAsync(string leadId, bool on);

    Task<LeadView> RecordFollowUpAsync(string leadId, string byUserId, string note);

    Task<BoardSnapshot> GetBoardAsync();
}
