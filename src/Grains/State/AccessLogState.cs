namespace Orleans.Crm.Grains.State;

/// <summary>A reader's audit grain keeps nothing of its own: the reads live in the journal (with the remembered commands).</summary>
public sealed record AccessLogState : DecidingState
{
    /// <summary>How many reads it recorded.</summary>
    public long Reads { get; init; }
}
