using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Board;

/// <summary>The <c>PoolEvent</c> message: the pool lead as it is now (null if the payload was not a pool lead).</summary>
public sealed record PoolEventMessage(long Sequence, string Type, DateTimeOffset At, PoolLeadView? Lead);

/// <summary>The <c>PoolSnapshot</c> message: the listed leads as of the pool's <paramref name="Sequence"/>.</summary>
public sealed record PoolSnapshotMessage(long Sequence, IReadOnlyList<PoolLeadView> Leads);

/// <summary>The <c>PoolHeartbeat</c> message: as <see cref="BoardHeartbeatMessage"/>, for the chain's lead pool.</summary>
public sealed record PoolHeartbeatMessage(long Sequence, DateTimeOffset At);
