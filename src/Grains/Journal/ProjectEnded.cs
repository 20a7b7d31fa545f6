using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.ProjectCompleted"/> or <see cref="JournalKinds.ProjectReleased"/> event: the
/// project no longer owns its customer.
/// </summary>
public sealed record ProjectEnded(string ProjectId, string CustomerId, CustomerOwner Owner, string Reason, string? EndedBy);
