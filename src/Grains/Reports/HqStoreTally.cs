using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains.Reports;

/// <summary>One store of the HQ report: its weeks (its own calendar), the store's tallies and each group's.</summary>
internal sealed class HqStoreTally
{
    private readonly Dictionary<string, HqTally[]> _groups = new(StringComparer.Ordinal);

    public HqStoreTally(string storeId, StoreConfigured? setup, ImmutableArray<StoreWeek> weeks)
    {
        StoreId = storeId;
        Setup = setup;
        Weeks = weeks;
        StoreWeeks = New(weeks.Length);
        foreach (var group in setup?.Groups ?? [])
        {
            _groups[group.ManagerId] = New(weeks.Length);
        }
    }

    public string StoreId { get; }

    public StoreConfigured? Setup { get; }

    public ImmutableArray<StoreWeek> Weeks { get; }

    /// <summary>The store's own tallies, one per week.</summary>
    public HqTally[] StoreWeeks { get; }

    /// <summary>Counts something of week <paramref name="week"/> (nothing outside the weeks) for the store and the manager's group.</summary>
    public void At(int week, string? managerId, Action<HqTally> count)
    {
        if (week < 0)
        {
            return;
        }

        count(StoreWeeks[week]);
        var key = managerId ?? "";
        if (!_groups.TryGetValue(key, out var group))
        {
            group = New(Weeks.Length);
            _groups[key] = group;
        }

        count(group[week]);
    }

    /// <summary>Counts something that belongs to the store only (complaints).</summary>
    public void AtStore(int week, Action<HqTally> count)
    {
        if (week >= 0)
        {
            count(StoreWeeks[week]);
        }
    }

    public HqStore Report()
    {
        var configured = Setup?.Groups.Select(g => g.ManagerId).ToList() ?? [];
        var groups = configured
            .Concat(_groups.Keys.Where(k => k.Length > 0 && !configured.Contains(k)).Order(StringComparer.Ordinal))
            .Concat(_groups.ContainsKey("") ? [""] : [])
            .Select(key => new HqGroup(
                key.Length == 0 ? null : key,
                Setup?.Groups.FirstOrDefault(g => g.ManagerId == key)?.ManagerName,
                HqTally.Series(Weeks, _groups[key])));
        return new HqStore(StoreId, Setup?.Name, Setup?.TimeZone ?? ReportsGrain.DefaultTimeZone, HqTally.Series(Weeks, StoreWeeks), [.. groups]);
    }

    private static HqTally[] New(int count) => [.. Enumerable.Range(0, count).Select(_ => new HqTally())];
}
