namespace Orleans.Crm.Gateway.Board;

/// <summary>The hub's method and message names: a public contract, checked by clients outside this repository.</summary>
public static class BoardMessages
{
    /// <summary>Server → client: one event of a store's board, with its outbox sequence.</summary>
    public const string BoardEvent = "BoardEvent";

    /// <summary>Server → client: a store's whole board as of the sequence it carries.</summary>
    public const string BoardSnapshot = "BoardSnapshot";

    /// <summary>Server → client: one event of the chain's lead pool.</summary>
    public const string PoolEvent = "PoolEvent";

    /// <summary>Server → client: the pool's leads, as of at least the sequence it carries.</summary>
    public const string PoolSnapshot = "PoolSnapshot";

    /// <summary>The hub's route.</summary>
    public const string HubPath = "/hubs/board";
}
