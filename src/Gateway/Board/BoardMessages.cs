namespace Orleans.Crm.Gateway.Board;

/// <summary>The hub's method and message names: a public contract, checked by clients outside this repository.</summary>
public static class BoardMessages
{
    /// <summary>Server → client: one event of a store's board, with the store's board sequence.</summary>
    public const string BoardEvent = "BoardEvent";

    /// <summary>Server → client: a store's whole board as of the sequence it carries.</summary>
    public const string BoardSnapshot = "BoardSnapshot";

    /// <summary>
    /// Server → client: the store's board is live and this connection has everything up to the sequence it carries
    /// (<see cref="BoardHeartbeatMessage"/>). Sent only while this gateway has recently confirmed the store's position,
    /// so a screen that hears nothing (no event, snapshot or heartbeat) for a while knows its board may be stale.
    /// </summary>
    public const string BoardHeartbeat = "BoardHeartbeat";

    /// <summary>Server → client: one event of the chain's lead pool.</summary>
    public const string PoolEvent = "PoolEvent";

    /// <summary>Server → client: the pool's leads, as of the sequence it carries.</summary>
    public const string PoolSnapshot = "PoolSnapshot";

    /// <summary>Server → client: the pool is live and this connection has everything up to the sequence it carries.</summary>
    public const string PoolHeartbeat = "PoolHeartbeat";

    /// <summary>The hub's route.</summary>
    public const string HubPath = "/hubs/board";
}
