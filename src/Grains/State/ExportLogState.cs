namespace Orleans.Crm.Grains.State;

/// <summary>The export audit grain keeps nothing of its own: its entries live in the journal (with the remembered commands).</summary>
public sealed record ExportLogState : DecidingState
{
    /// <summary>How many exports it recorded (numbers the export ids).</summary>
    public long Exports { get; init; }
}
