using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// A project: what a winning deposit or contract opened for a customer, and who owns the customer through it.
/// </summary>
/// <param name="Owner">The store, manager, designer and lead that signed first, and when.</param>
/// <param name="EndReason">Why it ended: <c>completed</c>, or the close reason of a refunded or forfeited deposit.</param>
[GenerateSerializer, Alias("crm.ProjectView")]
public sealed record ProjectView(
    string ProjectId,
    string CustomerId,
    ProjectStatus Status,
    CustomerOwner Owner,
    decimal? DepositAmount,
    decimal? ContractAmount,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ContractAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    string? EndedBy);
