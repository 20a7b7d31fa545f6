namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// One event of a store's board. The store grain numbers its events 1, 2, 3… without gaps and persists each with the
/// state change that caused it, so a screen that has seen sequence N asks for what follows N and misses nothing.
/// </summary>
[GenerateSerializer, Alias("crm.BoardEvent")]
public sealed record BoardEvent(string StoreId, long Sequence, BoardChange Change)
{
    /// <summary>The event's kind (<see cref="BoardChange.Kind"/>).</summary>
    public string Type => Change.Kind;

    /// <summary>When the change was decided.</summary>
    public DateTimeOffset At => Change.At;
}

/// <summary>
/// The events after a sequence. <paramref name="Complete"/> is false when the grain no longer keeps some of them (it
/// keeps a bounded log): the reader then takes a snapshot instead.
/// </summary>
[GenerateSerializer, Alias("crm.BoardEventPage")]
public sealed record BoardEventPage(ImmutableArray<BoardEvent> Events, long LastSequence, bool Complete);
