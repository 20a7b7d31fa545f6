namespace Orleans.Crm.Grains.State;

/// <summary>Which store a designer or an account manager belongs to.</summary>
public sealed record DirectoryEntryState : DecidingState
{
    public string? StoreId { get; init; }
}
