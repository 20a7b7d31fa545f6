namespace Orleans.Crm.Grains.State;

/// <summary>Which store a designer or an account manager belongs to.</summary>
public sealed record DirectoryEntryState : DecidingState
{
    public string? StoreId { get; init; }

    /// <summary>The store they last left (issue 16: a repeated leave or transfer finds its first answer there).</summary>
    public string? LastStoreId { get; init; }
}
