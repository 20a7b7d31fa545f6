namespace Orleans.Crm.Grains.Reports;

/// <summary>A lead of the HQ report's cohorts: the week it came (-1: before the weeks), the manager credited now, how far it got.</summary>
internal sealed class HqLead(HqStoreTally store, int week, string? managerId)
{
    public HqStoreTally Store { get; } = store;

    public int Week { get; } = week;

    public string? ManagerId { get; set; } = managerId;

    public bool Measured { get; set; }

    public bool Deposit { get; set; }

    public bool Contract { get; set; }

    public decimal Amount { get; set; }
}
