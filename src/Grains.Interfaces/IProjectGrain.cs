using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// A project after the deposit (key: the project id, <c>{customerId}-p{n}</c>): its stages, change orders, delay
/// certificates, the designer's site visits and its callback deadlines (weekly while under construction, +3/+10/+30
/// days after completion acceptance), swept by its own reminder. It learns it exists from the customer grain on first
/// use (the customer decides ownership and never calls a project, so the project may await it: no cycle). Completion
/// acceptance ends the ownership through the customer grain. Commands carry a command id (a retry returns the first result).
/// </summary>
public interface IProjectGrain : IGrainWithStringKey
{
    /// <summary>The project with its stages; 404 (CrmException) when the customer has no such project.</summary>
    Task<ProjectDetails> GetAsync();

    /// <summary>Starts a stage: 409 naming the previous stage when it is not accepted yet.</summary>
    Task<ProjectDetails> StartStageAsync(StageCommand command, string? commandId = null);

    /// <summary>Accepts a started stage with the customer; <c>completion-acceptance</c> also ends the ownership.</summary>
    Task<ProjectDetails> AcceptStageAsync(StageCommand command, string? commandId = null);

    /// <summary>The supervisor sends the drawings back from review with a reason: the drawings are reopened.</summary>
    Task<ProjectDetails> SendBackAsync(string reason, string byUserId, string role, string? commandId = null);

    Task<ChangeOrderView> RequestChangeAsync(ChangeOrderCommand command, string? commandId = null);

    /// <summary>The customer signed the change order's supplementary agreement (409 when already signed).</summary>
    Task<ChangeOrderView> SignChangeAsync(string changeId, string byUserId, string? commandId = null);

    Task<DelayCertificateView> RecordDelayAsync(DelayCommand command, string? commandId = null);

    /// <summary>The designer visited the site.</summary>
    Task<ProjectDetails> RecordSiteVisitAsync(string designerId, string? note, string? commandId = null);

    /// <summary>One of the project's callback tasks, or null (also when the project does not exist).</summary>
    Task<LeadTask?> GetTaskAsync(string taskId);

    /// <summary>Marks one of the project's callback tasks done (404 unknown, 409 not open).</summary>
    Task<LeadTask> CompleteTaskAsync(string taskId, string byUserId, string? note, string? commandId = null);

    /// <summary>
    /// A problem heard on one of the project's callbacks (weekly or after-care): the callback is done, and a ticket for the
    /// department and a re-check call for the store's customer service are opened (the same rule as a repair's callbacks).
    /// </summary>
    Task<ImmutableArray<LeadTask>> ReportProblemAsync(string taskId, Contracts.CallbackProblem problem, string? commandId = null);
}
