namespace Orleans.Crm.Bench.Grains;

/// <summary>The floor grain's state: one counter, serialised by the CRM's state serializer like every grain's.</summary>
public sealed record FloorState
{
    /// <summary>Writes so far.</summary>
    public long Writes { get; init; }
}
