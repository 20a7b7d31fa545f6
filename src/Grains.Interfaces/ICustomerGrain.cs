using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// A customer, identified chain-wide by their normalised phone number. The customer grain decides who signed first
/// (以谁定单为准) and tells the other stores one way; it never waits on another grain, so stores and the pool may
/// await it inside their turns without any call cycle.
/// </summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    Task<CustomerView?> GetAsync();

    /// <summary>Adds an open lead (idempotent) and answers with the customer's other open leads.</summary>
    Task<CustomerRegistration> RegisterLeadAsync(CustomerLead lead, string name, string phone);

    /// <summary>The open leads, without changing anything (a preview for pool claims).</summary>
    Task<ImmutableArray<CustomerLead>> GetOpenLeadsAsync();

    /// <summary>A lead was dispatched: the designer serves the customer now (return customers go back to them).</summary>
    Task SetDesignerAsync(string leadId, string? managerId, string designerId);

    /// <summary>A lead that waited without a manager (nobody on duty) was handed to one.</summary>
    Task SetManagerAsync(string leadId, string managerId);

    /// <summary>Records the first deposit or contract (idempotent for the owner's lead); refuses every other lead.</summary>
    Task<SignDecision> SignAsync(SignRequest request);

    /// <summary>A project of this customer (open or ended), or null.</summary>
    Task<ProjectView?> GetProjectAsync(string projectId);

    /// <summary>
    /// Completes the open project — asked by the project grain when its completion-acceptance stage is accepted (records
    /// <c>project-completed</c>): its ownership ends, and the customer may sign a new project. Decided here, where
    /// ownership is decided, so no two projects overlap.
    /// </summary>
    Task<ProjectView> CompleteProjectAsync(string projectId, string? byUserId, string? commandId = null);

    /// <summary>
    /// The owning lead's deposit was refunded or forfeited (its store closes the lead): the project's ownership ends.
    /// Idempotent for the same lead and reason.
    /// </summary>
    Task<ProjectView> ReleaseProjectAsync(string projectId, string leadId, string reason, string? byUserId);

    /// <summary>The lead is closed or left its store: it is no longer open (notices about it stay until acknowledged).</summary>
    Task DropLeadAsync(string leadId);

    /// <summary>A store applied the notice.</summary>
    Task AcknowledgeNoticeAsync(string noticeId);
}
