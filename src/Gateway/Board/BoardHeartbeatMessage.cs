namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// The <c>BoardHeartbeat</c> message: the connection has been sent every event of the store up to
/// <paramref name="Sequence"/>, and the gateway confirmed with the store grain shortly before <paramref name="At"/>
/// that there is nothing newer it has not passed on.
/// </summary>
public sealed record BoardHeartbeatMessage(string StoreId, long Sequence, DateTimeOffset At);
