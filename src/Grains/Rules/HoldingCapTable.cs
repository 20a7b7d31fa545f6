using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// How many open leads a designer may hold, by rank inside the group and season (持单; seed 000, DOMAIN §4).
/// Index 0 of each list is rank 1. Ranks past the end of a season's list get <see cref="Beyond"/>.
/// </summary>
public sealed record HoldingCapTable
{
    private HoldingCapTable(IReadOnlyList<int> normalByRank, IReadOnlyList<int> peakByRank, int beyond)
    {
        NormalByRank = normalByRank;
        PeakByRank = peakByRank;
        Beyond = beyond;
    }

    /// <summary>
    /// Seed 000: ranks 1-2 hold 2, 3-5 hold 1; in peak season 1-2 hold 3, 3-4 hold 2, 5 holds 1.
    /// Ranks beyond 5 hold 1 (the seed stops at five; one keeps every designer in play).
    /// </summary>
    public static HoldingCapTable Default { get; } = Create([2, 2, 1, 1, 1], [3, 3, 2, 2, 1], beyond: 1);

    public IReadOnlyList<int> NormalByRank { get; }

    public IReadOnlyList<int> PeakByRank { get; }

    public int Beyond { get; }

    /// <summary>Builds a custom table; caps must be non-negative (0 takes a designer out of dispatch).</summary>
    public static HoldingCapTable Create(IEnumerable<int> normalByRank, IEnumerable<int> peakByRank, int beyond)
    {
        ArgumentNullException.ThrowIfNull(normalByRank);
        ArgumentNullException.ThrowIfNull(peakByRank);
        int[] normal = [.. normalByRank];
        int[] peak = [.. peakByRank];
        if (normal.Any(c => c < 0) || peak.Any(c => c < 0))
        {
            throw new ArgumentException("Caps must not be negative.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(beyond);
        return new HoldingCapTable(normal, peak, beyond);
    }

    /// <summary>The cap of the designer ranked <paramref name="rank"/> (1 = best) in <paramref name="season"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Rank is below 1 or the season is unknown.</exception>
    public int CapFor(int rank, Season season)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        var row = season switch
        {
            Season.Normal => NormalByRank,
            Season.Peak => PeakByRank,
            _ => throw new ArgumentOutOfRangeException(nameof(season), season, "Unknown season."),
        };
        return rank <= row.Count ? row[rank - 1] : Beyond;
    }

    // Value semantics over the list contents, so two tables built from the same numbers are equal.
    public bool Equals(HoldingCapTable? other) =>
        other is not null
        && Beyond == other.Beyond
        && NormalByRank.SequenceEqual(other.NormalByRank)
        && PeakByRank.SequenceEqual(other.PeakByRank);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Beyond);
        foreach (var cap in NormalByRank)
        {
            hash.Add(cap);
        }

        hash.Add(-1);
        foreach (var cap in PeakByRank)
        {
            hash.Add(cap);
        }

        return hash.ToHashCode();
    }
}
