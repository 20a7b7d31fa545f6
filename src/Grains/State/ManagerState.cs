namespace Orleans.Crm.Grains.State;

/// <summary>An account manager's row: store, leave days and pool-claim counters.</summary>
public sealed record ManagerState
{
    public string? StoreId { get; init; }

    public string Name { get; init; } = "";

    /// <summary>ISO dates of leave.</summary>
    public IReadOnlyList<string> Leave { get; init; } = [];

    /// <summary>The local date <see cref="ClaimsOnDay"/> counts.</summary>
    public DateOnly ClaimDay { get; init; }

    public int ClaimsOnDay { get; init; }

    /// <summary>Pool leads claimed and not yet dispatched.</summary>
    public IReadOnlyList<string> OpenClaims { get; init; } = [];
}
