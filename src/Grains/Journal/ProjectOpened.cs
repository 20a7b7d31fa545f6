using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.ProjectOpened"/> event: the first signer of a project.</summary>
public sealed record ProjectOpened(string ProjectId, string CustomerId, CustomerOwner Owner, bool Contract, decimal Amount);
