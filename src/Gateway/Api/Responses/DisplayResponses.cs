using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A pairing code to type on the wall display's <c>/display</c> page, once, before <paramref name="ExpiresAt"/>.</summary>
public sealed record DisplayPairingResponse(string Code, DateTimeOffset ExpiresAt, string StoreId);

/// <summary>
/// A paired display's credential, shown this once (the gateway keeps only a hash of its secret): a bearer token for the
/// store's board and hub.
/// </summary>
public sealed record DisplayClaimResponse(string DisplayId, string Credential, string StoreId);

/// <summary>The displays of a store (or of every store for HQ when <paramref name="StoreId"/> is null).</summary>
public sealed record DisplayListResponse(string? StoreId, IReadOnlyList<DisplayView> Displays);
