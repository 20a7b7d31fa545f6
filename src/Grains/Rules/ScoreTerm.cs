namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// How one term of the account manager's score is earned (DOMAIN §8): <see cref="Points"/> at or above
/// <see cref="Target"/> %, minus <see cref="PerPointBelow"/> per percentage point below (linear, so half a point below
/// costs half), never below 0; with <see cref="ZeroBelow"/>, a rate under it scores 0 whatever the formula gives.
/// </summary>
public sealed record ScoreTerm(decimal Points, decimal Target, decimal PerPointBelow, decimal? ZeroBelow = null)
{
    /// <summary>The points of a rate in percent (exact, not rounded), rounded to 2 decimals.</summary>
    public decimal Score(decimal rate)
    {
        if (ZeroBelow is { } floor && rate < floor)
        {
            return 0m;
        }

        var points = Points - (PerPointBelow * Math.Max(0m, Target - rate));
        return Math.Round(Math.Clamp(points, 0m, Points), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Whether the settings make sense (for configuration validation).</summary>
    public bool IsValid => Points is >= 0 and <= 1000 && Target is > 0 and <= 100 && PerPointBelow is >= 0 and <= 100 && ZeroBelow is null or (>= 0 and <= 100);
}
