using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.State;

/// <summary>One after-sales repair: the repair itself, its store's time zone, and what its sweep has done.</summary>
public sealed record RepairGrainState : DecidingState
{
    /// <summary>Null until the repair is opened.</summary>
    public RepairView? Repair { get; init; }

    /// <summary>The store's time zone (store-local days for the warranty), as of the opening.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>Tasks whose missed deadline was recorded (once each).</summary>
    public ImmutableList<string> Missed { get; init; } = [];
}
