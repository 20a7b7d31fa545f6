namespace Orleans.Crm.Silo.Hosting;

/// <summary>One term of the manager score (<c>Rules:ManagerScore:{Term}:*</c>); omitted keys keep the term's default.</summary>
public sealed class ScoreTermSettings
{
    /// <summary>The points at or above the target.</summary>
    public decimal? Points { get; set; }

    /// <summary>The target rate, in percent.</summary>
    public decimal? Target { get; set; }

    /// <summary>Points deducted per percentage point below the target.</summary>
    public decimal? PerPointBelow { get; set; }

    /// <summary>A rate below this (percent) scores 0 (main-material: 20).</summary>
    public decimal? ZeroBelow { get; set; }

    /// <summary>The term with these settings over <paramref name="fallback"/>.</summary>
    public Grains.Rules.ScoreTerm ToTerm(Grains.Rules.ScoreTerm fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new(Points ?? fallback.Points, Target ?? fallback.Target, PerPointBelow ?? fallback.PerPointBelow, ZeroBelow ?? fallback.ZeroBelow);
    }
}
