namespace Orleans.Crm.Grains.Model;

/// <summary>
/// Assignees that are a team of a store rather than a person: <c>service:{storeId}</c> (the store's customer service,
/// who make callbacks and re-check calls) and <c>{department}:{storeId}</c> (a department's ticket, e.g.
/// <c>construction:sh-xuhui</c>). A person's id never contains ':', so the two never meet.
/// </summary>
public static class TaskAssignees
{
    /// <summary>The customer-service team's group.</summary>
    public const string ServiceGroup = "service";

    /// <summary>Departments a problem heard on a callback is passed to (将问题转达到有关部门).</summary>
    public static IReadOnlyList<string> Departments { get; } = ["construction", "design", "after-sales", "materials", "finance", "other"];

    /// <summary>The store's customer service.</summary>
    public static string Service(string storeId) => Group(ServiceGroup, storeId);

    /// <summary>A department of the store (one of <see cref="Departments"/>).</summary>
    public static string Department(string department, string storeId) => Group(department, storeId);

    /// <summary>Splits a group assignee into its group and store; false for a person.</summary>
    public static bool TryParse(string? assigneeId, out string group, out string storeId)
    {
        var colon = assigneeId?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || colon == assigneeId!.Length - 1)
        {
            (group, storeId) = ("", "");
            return false;
        }

        (group, storeId) = (assigneeId[..colon], assigneeId[(colon + 1)..]);
        return true;
    }

    private static string Group(string group, string storeId) => $"{group}:{storeId}";
}
