namespace Orleans.Crm.Grains.Contracts;

/// <summary>A pairing code opened for a store's wall display (issue 16): six digits, single use, valid until <paramref name="ExpiresAt"/>.</summary>
[GenerateSerializer, Alias("crm.DisplayPairing")]
public sealed record DisplayPairing(string Code, string StoreId, DateTimeOffset ExpiresAt);

/// <summary>How a claim of a pairing code ended.</summary>
[GenerateSerializer, Alias("crm.DisplayClaimOutcome")]
public enum DisplayClaimOutcome
{
    /// <summary>The code was open: the display is paired.</summary>
    Claimed,

    /// <summary>No such code (never opened, or long gone).</summary>
    Unknown,

    /// <summary>The code's validity ran out before anyone claimed it.</summary>
    Expired,

    /// <summary>Another display claimed the code already (codes are single use).</summary>
    Used,
}

/// <summary>The answer to a claim: on <see cref="DisplayClaimOutcome.Claimed"/> the new display's id and store.</summary>
[GenerateSerializer, Alias("crm.DisplayClaim")]
public sealed record DisplayClaim(DisplayClaimOutcome Outcome, string? DisplayId = null, string? StoreId = null, DateTimeOffset? ExpiredAt = null);

/// <summary>A paired wall display as HQ and supervisors list it (never its credential).</summary>
/// <param name="LastSeen">When a gateway last checked its credential (kept in memory; null after a restart until it is seen again).</param>
[GenerateSerializer, Alias("crm.DisplayView")]
public sealed record DisplayView(
    string DisplayId,
    string StoreId,
    string DeviceName,
    DateTimeOffset PairedAt,
    string PairedBy,
    DateTimeOffset? LastSeen,
    bool Revoked,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null);

/// <summary>What a gateway needs to check a display's credential: the hash of its secret, its store, whether it is revoked.</summary>
[GenerateSerializer, Alias("crm.DisplayCredentialCheck")]
public sealed record DisplayCredentialCheck(string DisplayId, string StoreId, string SecretHash, bool Revoked);
