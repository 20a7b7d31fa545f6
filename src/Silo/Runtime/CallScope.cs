using System.Collections.Immutable;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Silo.Runtime;

/// <summary>The grain call the current async flow is executing in: its call chain (for cycle detection) and transaction.</summary>
internal sealed record CallScope(ImmutableArray<GrainId> Chain, CallTransaction Transaction)
{
    private static readonly AsyncLocal<CallScope?> Ambient = new();

    public static CallScope? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }
}
