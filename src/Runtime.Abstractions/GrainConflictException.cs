namespace Orleans.Crm.Runtime;

/// <summary>A call kept losing optimistic version checks and gave up after the configured number of attempts.</summary>
public sealed class GrainConflictException(GrainId grain, int attempts)
    : Exception($"Grain {grain} kept conflicting with concurrent writers; gave up after {attempts} attempts. Retry the command with the same command id.")
{
    /// <summary>The grain whose call gave up.</summary>
    public GrainId Grain { get; } = grain;

    /// <summary>How many times the call ran.</summary>
    public int Attempts { get; } = attempts;
}
