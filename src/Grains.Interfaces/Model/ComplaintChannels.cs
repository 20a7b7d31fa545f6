namespace Orleans.Crm.Grains.Model;

/// <summary>How a complaint reached the company (the API's spellings).</summary>
public static class ComplaintChannels
{
    /// <summary>Every channel: a phone call (the usual), a visit, the web, WeChat, heard on a callback, other.</summary>
    public static IReadOnlyList<string> All { get; } = ["phone", "visit", "web", "wechat", "callback", "other"];
}
