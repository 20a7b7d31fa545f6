namespace Orleans.Crm.Gateway.Board;

/// <summary>The <c>ComplaintHeartbeat</c> message: as <see cref="BoardHeartbeatMessage"/>, for a store's complaint desk.</summary>
public sealed record ComplaintHeartbeatMessage(string StoreId, long Sequence, DateTimeOffset At);
