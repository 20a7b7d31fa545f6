namespace Orleans.Crm.Grains.Model;

/// <summary>The states of a follow-up task, as the API writes them.</summary>
public static class TaskStates
{
    public const string Open = "open";

    public const string Done = "done";

    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Open, Done, Cancelled];
}
