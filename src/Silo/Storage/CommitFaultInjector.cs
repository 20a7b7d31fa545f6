namespace Orleans.Crm.Silo.Storage;

/// <summary>
/// A test hook: invoked after each row a commit has written, before the commit completes. Throwing from it
/// must leave nothing of the commit behind. Null in production.
/// </summary>
public sealed class CommitFaultInjector
{
    /// <summary>Called with the index of the row just written.</summary>
    public Func<RowKey, int, Task>? AfterRowWritten { get; set; }
}
