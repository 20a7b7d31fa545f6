using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// The <c>BoardEvent</c> message: one event of a store's board with the store's sequence, its change masked as the
/// connection's role may see it. <paramref name="Change"/> is nullable for the contract's sake; the store grain's
/// events always carry one.
/// </summary>
public sealed record BoardEventMessage(string StoreId, long Sequence, string Type, DateTimeOffset At, BoardChange? Change);
