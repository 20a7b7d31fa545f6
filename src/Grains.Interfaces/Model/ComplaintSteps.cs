namespace Orleans.Crm.Grains.Model;

/// <summary>
/// The steps of the complaint clock (seed 003, 投诉问题应答质量标准; emergencies 顾客救援 use the same clock), as the API
/// spells them, and the complaint states.
/// </summary>
public static class ComplaintSteps
{
    /// <summary>A reply time was promised to the customer (≤ 30 min after the call).</summary>
    public const string ReplyPromised = "reply-promised";

    /// <summary>The responsible department was told (≤ 10 min after the call), with the person who will solve it.</summary>
    public const string DepartmentNotified = "department-notified";

    /// <summary>The customer was told what was done (≤ 20 min after the department was notified).</summary>
    public const string CustomerTold = "customer-told";

    /// <summary>Customer service checked with the department (≤ 12 h after the call).</summary>
    public const string Checked = "checked";

    /// <summary>The satisfaction call (≤ 24 h after the call): satisfied closes the complaint, not satisfied re-opens it.</summary>
    public const string SatisfactionCall = "satisfaction-call";

    /// <summary>Every step, in the order of the clock.</summary>
    public static IReadOnlyList<string> All { get; } = [ReplyPromised, DepartmentNotified, CustomerTold, Checked, SatisfactionCall];

    /// <summary>A complaint whose deadlines are all still ahead or met.</summary>
    public const string Open = "open";

    /// <summary>An unclosed complaint with at least one deadline passed without its step.</summary>
    public const string Breached = "breached";

    /// <summary>The satisfaction call found the customer satisfied.</summary>
    public const string Closed = "closed";

    /// <summary>Every complaint state.</summary>
    public static IReadOnlyList<string> States { get; } = [Open, Breached, Closed];

    /// <summary>Who answers for a missed step other than <see cref="Checked"/>: the customer-service team.</summary>
    public const string CustomerService = "customer-service";
}
