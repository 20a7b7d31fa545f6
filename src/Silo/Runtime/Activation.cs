using Orleans.Crm.Runtime;

namespace Orleans.Crm.Silo.Runtime;

/// <summary>A grain object in memory with its turn: one call at a time.</summary>
internal sealed class Activation(GrainId id, Grain grain, GrainClass grainClass, Type contract)
{
    public GrainId Id { get; } = id;

    public Grain Grain { get; } = grain;

    public GrainClass GrainClass { get; } = grainClass;

    public Type Contract { get; } = contract;

    public SemaphoreSlim Turn { get; } = new(1, 1);

    public bool Activated { get; set; }

    /// <summary>Set under the turn when the activation is collected; a caller that finds it set gets a fresh activation.</summary>
    public bool Deactivated { get; set; }

    public long LastUsedTimestamp { get; set; }
}
