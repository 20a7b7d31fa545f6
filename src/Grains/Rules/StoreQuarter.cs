using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>A quarter (<see cref="Quarter"/>) in a store's time zone, as the instants [From, To) that reports read the journal for.</summary>
public static class StoreQuarter
{
    public static (DateTimeOffset From, DateTimeOffset To) Range(string timeZone, Quarter quarter)
    {
        var (from, _) = StoreMonth.Range(timeZone, quarter.Year, quarter.FirstMonth);
        var last = new DateOnly(quarter.Year, quarter.FirstMonth, 1).AddMonths(2);
        var (_, to) = StoreMonth.Range(timeZone, last.Year, last.Month);
        return (from, to);
    }

    /// <summary>The store-local quarter an instant falls in.</summary>
    public static Quarter Of(DateTimeOffset at, string timeZone) => Quarter.Of(StoreCalendar.LocalDate(at, timeZone));
}
