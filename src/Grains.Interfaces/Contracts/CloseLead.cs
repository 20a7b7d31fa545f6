namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// Closes an open lead without signing: lost or invalid, with a reason category (<see cref="Model.CloseReasons.Chosen"/>)
/// and, for a lost lead, the manager's analysis (对丢、跑单资源必须要有原因分析).
/// </summary>
/// <param name="ClosedBy">The user who closed it (for the record).</param>
[GenerateSerializer, Alias("crm.CloseLead")]
public sealed record CloseLead(LeadOutcome Outcome, string? Reason, string? Analysis = null, string? Note = null, string? ClosedBy = null);
