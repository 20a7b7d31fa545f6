namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.ContractSigned"/> event: a contract (签单) this store won. The evaluations count
/// it: the designer's contracts and output (the amount) and signing cycle from <see cref="DispatchedAt"/> (the first
/// dispatch to the signing designer); the account manager's consultation success and main-material base.
/// </summary>
public sealed record ContractSigned(
    string LeadId,
    int? RunningNumber,
    string? ManagerId,
    string? DesignerId,
    decimal Amount,
    DateTimeOffset? DispatchedAt,
    string? ProjectId,
    DateTimeOffset RegisteredAt);
