using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// A store's complaint desk (key: store id): it alone decides the store's complaints and emergencies — their
/// deadlines (the service clock of seed 003, kept as data and handled by its sweep reminder), breaches, repeat
/// complaints — and numbers its complaint events without gaps for the live complaints board.
/// </summary>
public interface IComplaintDeskGrain : IGrainWithStringKey
{
    /// <summary>Files a complaint received now; a repeat of the command returns the first answer.</summary>
    Task<ComplaintView> FileAsync(FileComplaint complaint, string? commandId = null);

    /// <summary>Records a step (404 unknown complaint, 409 closed or a step that does not fit, e.g. customer told before the department).</summary>
    Task<ComplaintView> RecordStepAsync(string complaintId, RecordComplaintStep step, string? commandId = null);

    /// <summary>A complaint the desk still keeps (unclosed, or closed within the repeat window); null otherwise.</summary>
    Task<ComplaintView?> GetAsync(string complaintId);

    /// <summary>The desk's complaints in a state (null: all kept), oldest first.</summary>
    Task<ImmutableArray<ComplaintView>> ListAsync(string? state);

    /// <summary>Unclosed complaints as of the desk's sequence (for a board).</summary>
    Task<ComplaintSnapshot> GetSnapshotAsync();

    Task<FeedPosition> SubscribeAsync(IComplaintObserver observer);

    Task UnsubscribeAsync(IComplaintObserver observer);

    Task<FeedPosition> GetFeedPositionAsync();

    Task<ComplaintEventPage> GetEventsAsync(long afterSequence, int maxCount);
}
