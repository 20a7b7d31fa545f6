namespace Orleans.Crm.Grains.State;

/// <summary>The chain's pairing codes (open, spent or expired, until pruned) and paired displays.</summary>
public sealed record DisplayRegistryState : DecidingState
{
    /// <summary>Codes by their six digits.</summary>
    public ImmutableDictionary<string, PairingCodeEntry> Codes { get; init; } = ImmutableDictionary<string, PairingCodeEntry>.Empty;

    /// <summary>Displays by id (revoked ones stay listed).</summary>
    public ImmutableDictionary<string, DisplayEntry> Displays { get; init; } = ImmutableDictionary<string, DisplayEntry>.Empty;
}

/// <summary>A pairing code: the store it pairs with, until when, and the display that spent it (if any).</summary>
public sealed record PairingCodeEntry(string StoreId, DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset ExpiresAt, string? ClaimedBy = null);

/// <summary>A paired display: never its credential, only the SHA-256 of the credential's random secret.</summary>
public sealed record DisplayEntry(
    string StoreId,
    string DeviceName,
    DateTimeOffset PairedAt,
    string PairedBy,
    string SecretHash,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null);
