namespace Orleans.Crm.Grains.Model;

/// <summary>Stream names of the outbox.</summary>
public static class Streams
{
    /// <summary>The chain's lead pool.</summary>
    public const string Pool = "pool";

    /// <summary>A store's dispatch board.</summary>
    public static string Store(string storeId) => $"store:{storeId}";
}
