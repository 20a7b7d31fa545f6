namespace Orleans.Crm.Runtime;

/// <summary>
/// A grain call would wait on a grain that is already waiting further up the same call chain (A → B → A).
/// Turn-based grains would deadlock; the runtime refuses the call at once instead.
/// </summary>
public sealed class GrainCallCycleException(GrainId target, IReadOnlyList<GrainId> chain)
    : Exception($"Call cycle: {string.Join(" → ", chain.Append(target))}. Grains are not reentrant; let one grain decide or pass events one way.")
{
    /// <summary>The grain that was called again.</summary>
    public GrainId Target { get; } = target;
}
