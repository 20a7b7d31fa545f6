namespace Orleans.Crm.Grains.Journal;

/// <summary>The states of a task in the task list.</summary>
public static class JournalTaskStates
{
    public const string Open = "open";

    public const string Done = "done";

    public const string Cancelled = "cancelled";
}
