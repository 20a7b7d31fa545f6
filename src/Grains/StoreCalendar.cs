namespace Orleans.Crm.Grains;

/// <summary>Store-local dates: "today", duty days and the three-day rule use the store's calendar, not UTC.</summary>
public static class StoreCalendar
{
    private static readonly TimeZoneInfo ChinaStandardTime = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "CST");

    /// <summary>The time zone, or null when the id is unknown on this machine.</summary>
    public static TimeZoneInfo? Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Asia/Shanghai has had no DST since 1991: a fixed offset is exact when tzdata is missing.
            return id is "Asia/Shanghai" or "Asia/Chongqing" or "PRC" ? ChinaStandardTime : null;
        }
    }

    /// <summary>The local calendar date of an instant in a store's time zone.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Find(timeZone) ?? ChinaStandardTime).DateTime);

    /// <summary>The instant the store-local <paramref name="date"/> begins (its local midnight).</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, string timeZone)
    {
        var zone = Find(timeZone) ?? ChinaStandardTime;
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
