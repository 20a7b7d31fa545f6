namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.LeadClaimed"/> event: who won the claim, for which store, when.</summary>
public sealed record LeadClaimed(string LeadId, string StoreId, string ManagerId, DateTimeOffset At);
