namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Ranks one group's designers by their half-month score (DOMAIN §4/§8): the higher score first; ties broken by more
/// contracts, then more output (issue 13), then the rank the designer holds now (a tie on everything changes nothing,
/// so a quiet half month keeps the ranking as it is), then the designer id (the order is always total).
/// </summary>
public static class GroupRanking
{
    /// <summary>The new ranks, 1 = best, by designer id.</summary>
    public static IReadOnlyDictionary<string, int> Rank(IEnumerable<RankedDesigner> designers)
    {
        ArgumentNullException.ThrowIfNull(designers);
        return designers
            .OrderByDescending(d => d.Score)
            .ThenByDescending(d => d.Contracts)
            .ThenByDescending(d => d.Output)
            .ThenBy(d => d.CurrentRank)
            .ThenBy(d => d.DesignerId, StringComparer.Ordinal)
            .Select((d, i) => (d.DesignerId, Rank: i + 1))
            .ToDictionary(x => x.DesignerId, x => x.Rank, StringComparer.Ordinal);
    }
}
