using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Grains;

/// <summary>The service clock of complaints and emergencies (seed 003), configuration section <c>Rules:Complaints</c>.</summary>
public sealed class ComplaintOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Rules:Complaints";

    /// <summary>A reply time is promised within this after the call (确定答复时间, 半小时内).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Rules:Complaints:ReplyPromise must be between {1} and {2}.")]
    public TimeSpan ReplyPromise { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The responsible department is notified within this after the call (10分钟内).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Rules:Complaints:DepartmentNotice must be between {1} and {2}.")]
    public TimeSpan DepartmentNotice { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The customer is told the result within this after the department was notified (20分钟内).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Rules:Complaints:CustomerTold must be between {1} and {2}.")]
    public TimeSpan CustomerTold { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Customer service checks with the department within this after the call (12个小时内).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Rules:Complaints:Check must be between {1} and {2}.")]
    public TimeSpan Check { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The satisfaction call is made within this after the call (24小时内回访).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Rules:Complaints:SatisfactionCall must be between {1} and {2}.")]
    public TimeSpan SatisfactionCall { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A new complaint about the same matter within this after the last one closed is a repeat complaint.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Rules:Complaints:RepeatWindow must be between {1} and {2}.")]
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Closed complaints a desk keeps (within the repeat window) for repeat detection; older ones are in the journal.</summary>
    [Range(1, 100_000, ErrorMessage = "Rules:Complaints:KeptClosed must be between {1} and {2}.")]
    public int KeptClosed { get; set; } = 500;
}
