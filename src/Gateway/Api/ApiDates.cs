using System.Globalization;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Gateway.Api;

/// <summary>Calendar dates in routes and queries: strictly YYYY-MM-DD (store-local dates, no time, no zone).</summary>
public static class ApiDates
{
    /// <summary>The one accepted format.</summary>
    public const string Format = "yyyy-MM-dd";

    /// <summary>Parses <paramref name="value"/> or throws a 400 naming <paramref name="field"/>.</summary>
    public static DateOnly Parse(string? value, string field) =>
        DateOnly.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw CrmException.Invalid(field, $"The {field} field must be a date written YYYY-MM-DD, got '{value}'.");

    /// <summary>A date as routes and bodies write it (YYYY-MM-DD).</summary>
    public static string Write(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Today in the store's time zone (the rulebook's "today" is the store's calendar date).</summary>
    public static DateOnly Today(TimeProvider time, string? timeZone)
    {
        ArgumentNullException.ThrowIfNull(time);
        return LocalDate(time.GetUtcNow(), timeZone);
    }

    /// <summary>The store-local date of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset at, string? timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? "Asia/Shanghai", out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
    }
}
