namespace Orleans.Crm.Grains.Journal;

/// <summary>A lead found by a <see cref="JournalSearch"/> (its display data is in its <see cref="LeadIndexed"/> event).</summary>
public sealed record JournalSearchRow(string LeadId, string StoreId, string CustomerId, int? RunningNumber, DateTimeOffset RegisteredAt);
