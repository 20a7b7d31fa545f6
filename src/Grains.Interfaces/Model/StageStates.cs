namespace Orleans.Crm.Grains.Model;

/// <summary>Where a project stage stands, as the API writes it.</summary>
public static class StageStates
{
    /// <summary>Not started (or, for the review, sent back and waiting for the corrected drawings).</summary>
    public const string Pending = "pending";

    public const string Started = "started";

    /// <summary>Accepted with the customer (the review: approved by the supervisor): the next stage may start.</summary>
    public const string Accepted = "accepted";

    public static IReadOnlyList<string> All { get; } = [Pending, Started, Accepted];
}
