namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// Where a live feed (a store's board, the pool) stands: its last sequence, and which activation answered. A new
/// activation id means the grain moved (its silo died or it was collected): it has no subscribers any more, so a
/// reader subscribes again at once.
/// </summary>
[GenerateSerializer, Alias("crm.FeedPosition")]
public sealed record FeedPosition(long Sequence, string ActivationId);
