namespace Orleans.Crm.Gateway.Board;

/// <summary>One live feed: a store's board, (no store) the chain's lead pool, or a store's complaint desk.</summary>
internal readonly record struct FeedKey(string? StoreId, bool IsComplaints = false)
{
    public static FeedKey Pool => default;

    public static FeedKey Store(string storeId) => new(storeId);

    /// <summary>A store's complaint desk (the live complaints board of customer service).</summary>
    public static FeedKey Complaints(string storeId) => new(storeId, true);

    public override string ToString() => IsComplaints ? $"complaints {StoreId}" : StoreId is null ? "pool" : $"store {StoreId}";
}
