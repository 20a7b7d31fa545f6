namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.LeadRefused"/> event: a designer refused a dispatched lead (挑肥拣瘦, a deduction).</summary>
public sealed record LeadRefused(string LeadId, int? RunningNumber, string DesignerId, string? ManagerId, string Reason);
