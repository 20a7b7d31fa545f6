namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.DepositRecorded"/> event: a deposit (定金) this store won.</summary>
public sealed record DepositRecorded(string LeadId, int? RunningNumber, string? ManagerId, string? DesignerId, decimal Amount);
