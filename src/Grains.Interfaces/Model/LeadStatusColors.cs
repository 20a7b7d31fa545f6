namespace Orleans.Crm.Grains.Model;

/// <summary>The register's colour convention, shared so every screen paints a status the same way.</summary>
public static class LeadStatusColors
{
    /// <summary>Lower-case colour name: black, blue, green, rose, red, yellow, grey.</summary>
    /// <remarks>
    /// Seed 000 names six colours; it has no "lost" status, so grey is our choice for it:
    /// visibly closed, and distinct from invalid (yellow).
    /// </remarks>
    public static string ColorName(this LeadStatus status) => status switch
    {
        LeadStatus.Normal => "black",
        LeadStatus.Measured => "blue",
        LeadStatus.Deposit => "green",
        LeadStatus.KeyFollowUp => "rose",
        LeadStatus.Signed => "red",
        LeadStatus.Invalid => "yellow",
        LeadStatus.Lost => "grey",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown lead status."),
    };
}
