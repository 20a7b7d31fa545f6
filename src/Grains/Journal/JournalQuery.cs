namespace Orleans.Crm.Grains.Journal;

/// <summary>Journal events of some kinds, optionally of one store, one subject and a time range [From, To), oldest first.</summary>
public sealed record JournalQuery(
    ImmutableArray<string> Kinds,
    string? StoreId = null,
    string? Subject = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = JournalQuery.MaxLimit)
{
    /// <summary>The most events one query returns.</summary>
    public const int MaxLimit = 10_000;
}
