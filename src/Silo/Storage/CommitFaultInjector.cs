namespace Orleans.Crm.Silo.Storage;

/// <summary>
/// A test hook: when set, a commit fails after writing this many rows, inside the storage's own transaction —
/// proving that what was already written is rolled back with it. Null in production.
/// </summary>
public sealed class CommitFaultInjector
{
    /// <summary>Fail after this many written rows (null = never).</summary>
    public int? FailAfterRows { get; set; }
}
