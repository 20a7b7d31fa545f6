namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// One event of a deciding grain, as the journal keeps it (DESIGN rule 9). <see cref="Stream"/> names the grain
/// (<c>store/sh-xuhui</c>) and <see cref="Sequence"/> numbers its events from 1 without gaps, in the order the grain
/// committed them: the pair is the event's identity, so appending it again changes nothing.
/// </summary>
/// <param name="Kind">What happened (<see cref="JournalKinds"/>).</param>
/// <param name="StoreId">The store the event belongs to, for the store's reports (null for chain-wide events).</param>
/// <param name="Subject">What the event is about (a lead id, a task id), for lookups.</param>
/// <param name="Data">The event's facts as JSON (<see cref="CrmJson"/>).</param>
public sealed record JournalEntry(string Stream, long Sequence, string Kind, DateTimeOffset At, string? StoreId, string? Subject, string Data);
