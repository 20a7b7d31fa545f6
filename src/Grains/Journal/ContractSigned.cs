namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.ContractSigned"/> event: a contract (签单) this store won. The amount is the
/// designer's output value; <see cref="DispatchedAt"/> (the first dispatch to the signing designer) starts the signing cycle.
/// </summary>
public sealed record ContractSigned(string LeadId, int? RunningNumber, string? ManagerId, string? DesignerId, decimal Amount, DateTimeOffset? DispatchedAt);
