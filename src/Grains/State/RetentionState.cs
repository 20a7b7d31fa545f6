namespace Orleans.Crm.Grains.State;

/// <summary>How far the retention sweep got: every lead closed before <see cref="DoneThrough"/> is anonymised.</summary>
public sealed record RetentionState : DecidingState
{
    public DateTimeOffset? DoneThrough { get; init; }

    /// <summary>Leads anonymised so far (for operators).</summary>
    public long Anonymised { get; init; }
}
