namespace Orleans.Crm.Gateway.Board;

/// <summary>What a feed hands each of its subscriptions, in order.</summary>
internal abstract record FeedItem(long Through);

/// <summary>
/// Events in sequence order (possibly none), and the sequence the feed knows the grain has reached: a subscription
/// whose cursor is still below <see cref="FeedItem.Through"/> after the events reads the rest itself.
/// </summary>
internal sealed record FeedBatch(IReadOnlyList<FeedEvent> Events, long Through) : FeedItem(Through);

/// <summary>The feed confirmed the grain's position recently and has passed on everything up to <see cref="FeedItem.Through"/>.</summary>
internal sealed record FeedHeartbeat(long Through, DateTimeOffset At) : FeedItem(Through);
