using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// The <c>BoardEvent</c> message. <paramref name="Change"/> is null only for an event whose payload the gateway cannot
/// read as a board change and may not pass on unmasked.
/// </summary>
public sealed record BoardEventMessage(string StoreId, long Sequence, string Type, DateTimeOffset At, BoardChange? Change);
