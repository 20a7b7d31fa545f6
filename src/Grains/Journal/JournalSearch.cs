namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// A look-up in the journal's search rows (derived from <see cref="JournalKinds.LeadIndexed"/>): the leads having every
/// one of <paramref name="Tokens"/> (none: no token match), or the running number <paramref name="RunningNumber"/>, of
/// one store (null: every store), newest registration first.
/// </summary>
public sealed record JournalSearch(ImmutableArray<string> Tokens, int? RunningNumber, string? StoreId, int Limit = JournalSearch.MaxLimit)
{
    /// <summary>The most leads one search returns.</summary>
    public const int MaxLimit = 20;
}
