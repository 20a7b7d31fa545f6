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
}
