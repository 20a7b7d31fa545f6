namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// Events read from a grain after some sequence; <paramref name="Complete"/> false when the grain no longer keeps some
/// of them (the reader takes a snapshot instead).
/// </summary>
internal sealed record FeedPage(IReadOnlyList<FeedEvent> Events, long LastSequence, bool Complete);
