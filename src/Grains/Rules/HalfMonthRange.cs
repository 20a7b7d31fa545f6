using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>A half month as instants in a store's time zone.</summary>
public static class HalfMonthRange
{
    /// <summary>The instants [From, To) of the period in a store's time zone (what the journal is read for).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range(this HalfMonthPeriod period, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(period);
        return (StoreCalendar.StartOfDay(period.First, timeZone), StoreCalendar.StartOfDay(period.Last.AddDays(1), timeZone));
    }
}
