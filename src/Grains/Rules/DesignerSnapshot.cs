using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>A designer as the dispatcher sees them at the moment of dispatch.</summary>
/// <param name="Rank">Rank inside the group, 1 = best (half-monthly evaluation).</param>
/// <param name="Present">At the store now; an absent designer is not eligible (DOMAIN §3).</param>
/// <param name="Holding">Open leads held now.</param>
/// <param name="Cap">Holding cap, usually from <see cref="HoldingCapTable"/>.</param>
/// <param name="Grade">The quarterly grade (ordinary, excellent, expert).</param>
public sealed record DesignerSnapshot(string DesignerId, string Name, DesignerLevel Level, int Rank, bool Present, int Holding, int Cap, DesignerGrade Grade = DesignerGrade.Ordinary)
{
    /// <summary>Holding at or above the cap. A cap lowered below the holding is full too: nobody is evicted, nobody is added.</summary>
    public bool IsFull => Holding >= Cap;

    public int FreeSlots => Math.Max(0, Cap - Holding);
}
