namespace Orleans.Crm.Grains.Rules;

/// <summary>A calendar month in a store's time zone, as the instants [From, To) that reports read the journal for.</summary>
public static class StoreMonth
{
    public static (DateTimeOffset From, DateTimeOffset To) Range(string timeZone, int year, int month)
    {
        var zone = StoreCalendar.Find(timeZone) ?? StoreCalendar.Find("Asia/Shanghai")!;
        var start = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var end = start.AddMonths(1);
        return (Local(start, zone), Local(end, zone));
    }

    private static DateTimeOffset Local(DateTime local, TimeZoneInfo zone)
    {
        // Midnight can fall in a gap of a zone with daylight saving: take the first instant after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        // In UTC: the PostgreSQL journal stores timestamptz and takes UTC instants only.
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
