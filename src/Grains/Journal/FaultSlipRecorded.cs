namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.FaultSlip"/> event: an override that broke the dispatch rules.</summary>
public sealed record FaultSlipRecorded(
    string LeadId,
    int? RunningNumber,
    string ManagerId,
    string DesignerId,
    ImmutableArray<string> Rules,
    string RuleBroken,
    string Reason,
    string? By);
