using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// The chain's wall displays (issue 16), key 0: one small grain decides the pairing codes (unique while open, single
/// use, expiring) and the paired displays (their store, the hash of their credential's secret, revocation). A chain has
/// a few displays per store, and gateways cache each credential check for seconds, so one activation carries the load.
/// A leaf: it calls no other grain.
/// </summary>
public interface IDisplayRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Opens a fresh six-digit code for <paramref name="storeId"/>, valid for <paramref name="validity"/>.</summary>
    Task<DisplayPairing> OpenPairingAsync(string storeId, string openedBy, TimeSpan validity);

    /// <summary>
    /// Claims an open code: the display is registered with <paramref name="secretHash"/> (the gateway keeps the secret
    /// itself out of every store) and the code is spent.
    /// </summary>
    Task<DisplayClaim> ClaimAsync(string code, string deviceName, string secretHash);

    /// <summary>The display's credential check (null for an unknown display); notes it as seen.</summary>
    Task<DisplayCredentialCheck?> CheckAsync(string displayId);

    /// <summary>The displays of <paramref name="storeId"/>, or of every store when null (revoked ones included).</summary>
    Task<ImmutableArray<DisplayView>> ListAsync(string? storeId);

    /// <summary>One display, or null.</summary>
    Task<DisplayView?> GetAsync(string displayId);

    /// <summary>Revokes a display (idempotent): its credential stops working. Null for an unknown display.</summary>
    Task<DisplayView?> RevokeAsync(string displayId, string revokedBy);
}
