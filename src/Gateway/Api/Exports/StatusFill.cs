using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Exports;

/// <summary>
/// The register's status colours (DOMAIN §6, seed 000) as Excel cell fills: normal black, measured blue, deposit green,
/// key follow-up rose red, signed red, invalid yellow — and grey for lost, the project's choice
/// (<see cref="LeadStatusColors"/>). The hexes are the console's; each comes with a font colour that stays readable on it.
/// </summary>
public static class StatusFill
{
    /// <summary>Fill and font colour (<c>#RRGGBB</c>) of a colour name of <see cref="LeadStatusColors.ColorName"/>.</summary>
    public static (string Fill, string Font) Of(string colorName) => colorName switch
    {
        "black" => ("#111827", "#FFFFFF"),
        "blue" => ("#1D4ED8", "#FFFFFF"),
        "green" => ("#15803D", "#FFFFFF"),
        "rose" => ("#DB2777", "#FFFFFF"),
        "red" => ("#DC2626", "#FFFFFF"),
        "yellow" => ("#FACC15", "#111827"),
        "grey" => ("#9CA3AF", "#111827"),
        _ => throw new ArgumentOutOfRangeException(nameof(colorName), colorName, "Unknown status colour."),
    };

    /// <summary>The status as the register writes it (中文 English).</summary>
    public static string Label(LeadStatus status) => status switch
    {
        LeadStatus.Normal => "正常 normal",
        LeadStatus.Measured => "已量房 measured",
        LeadStatus.Deposit => "已交定金 deposit paid",
        LeadStatus.KeyFollowUp => "重点追踪 key follow-up",
        LeadStatus.Signed => "签单 signed",
        LeadStatus.Invalid => "无效 invalid",
        LeadStatus.Lost => "丢单 lost",
        _ => status.ToString(),
    };
}
