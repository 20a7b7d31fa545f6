namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.LeadMeasured"/> event: the first measurement (量房) of a lead.</summary>
public sealed record LeadMeasured(string LeadId, int? RunningNumber, string? ManagerId, string? DesignerId, decimal? Fee);
