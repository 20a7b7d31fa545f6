namespace Orleans.Crm.Gateway.Board;

/// <summary>One live feed: a store's board, or (no store) the chain's lead pool.</summary>
internal readonly record struct FeedKey(string? StoreId)
{
    public static FeedKey Pool => default;

    public static FeedKey Store(string storeId) => new(storeId);

    public override string ToString() => StoreId is null ? "pool" : $"store {StoreId}";
}
