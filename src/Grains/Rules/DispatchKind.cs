namespace Orleans.Crm.Grains.Rules;

public enum DispatchKind
{
    /// <summary>A designer was chosen.</summary>
    Assigned,

    /// <summary>Nobody is eligible now; the lead waits in the store's queue.</summary>
    Queued,

    /// <summary>A manual override was refused; nothing changes.</summary>
    Rejected,
}
