using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.State;

/// <summary>A designer of the store: group, rank, presence and the open leads holding their slots.</summary>
public sealed record DesignerEntry
{
    public string ManagerId { get; init; } = "";

    public string Name { get; init; } = "";

    public DesignerLevel Level { get; init; }

    public int Rank { get; init; } = 1;

    public bool Present { get; init; } = true;

    public ImmutableList<string> Holding { get; init; } = [];

    public int Refusals { get; init; }

    /// <summary>The quarterly grade (from the set-up until the first grading).</summary>
    public DesignerGrade Grade { get; init; }

    /// <summary>The half-month score behind the rank in force (null while the rank is the set-up's or typed in before any ranking).</summary>
    public decimal? Score { get; init; }

    public string? ScorePeriod { get; init; }

    /// <summary>The reason of a manual correction of the computed rank in force.</summary>
    public string? RankCorrection { get; init; }
}
