using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Board;

/// <summary>The <c>PoolEvent</c> message: the pool lead as it is now (null if the payload was not a pool lead).</summary>
public sealed record PoolEventMessage(long Sequence, string Type, DateTimeOffset At, PoolLeadView? Lead);

/// <summary>The <c>PoolSnapshot</c> message: the listed leads reflect at least every event up to <paramref name="Sequence"/>.</summary>
public sealed record PoolSnapshotMessage(long Sequence, IReadOnlyList<PoolLeadView> Leads);
