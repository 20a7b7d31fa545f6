using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Crm.Grains.Model;

/// <summary>
/// A store-local half month, the designers' evaluation period (DOMAIN §8: ranked on the 15th and on the last day):
/// <c>2026-11-H1</c> is the 1st to the 15th, <c>2026-11-H2</c> the 16th to the last day of the month.
/// </summary>
public sealed partial record HalfMonthPeriod(int Year, int Month, int Half) : IComparable<HalfMonthPeriod>
{
    /// <summary>The format, for error messages.</summary>
    public const string Format = "YYYY-MM-H1 or YYYY-MM-H2 (e.g. 2026-11-H2)";

    /// <summary>The first local day.</summary>
    public DateOnly First => new(Year, Month, Half == 1 ? 1 : 16);

    /// <summary>The last local day (the 15th, or the month's last day).</summary>
    public DateOnly Last => Half == 1 ? new DateOnly(Year, Month, 15) : new DateOnly(Year, Month, DateTime.DaysInMonth(Year, Month));

    /// <summary>The period after this one.</summary>
    public HalfMonthPeriod Next => Half == 1 ? this with { Half = 2 } : Of(Last.AddDays(1));

    /// <summary>The period before this one.</summary>
    public HalfMonthPeriod Previous => Of(First.AddDays(-1));

    /// <summary>The calendar quarter it belongs to, written <c>2026Q4</c>.</summary>
    public string Quarter => $"{Year}Q{((Month - 1) / 3) + 1}";

    /// <summary>The quarter's last half month (its ranking also grades the designers).</summary>
    public bool EndsQuarter => Half == 2 && Month % 3 == 0;

    /// <summary>The six half months of the quarter of this period, in order.</summary>
    public IReadOnlyList<HalfMonthPeriod> QuarterPeriods()
    {
        var firstMonth = ((Month - 1) / 3 * 3) + 1;
        return [.. Enumerable.Range(firstMonth, 3).SelectMany(m => new[] { new HalfMonthPeriod(Year, m, 1), new HalfMonthPeriod(Year, m, 2) })];
    }

    /// <summary>The period containing a local date.</summary>
    public static HalfMonthPeriod Of(DateOnly date) => new(date.Year, date.Month, date.Day <= 15 ? 1 : 2);

    /// <summary>Parses <c>2026-11-H2</c>; null when the text is not a half month.</summary>
    public static HalfMonthPeriod? TryParse(string? text)
    {
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true })
        {
            return null;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return year is >= 2000 and <= 2999 && month is >= 1 and <= 12
            ? new HalfMonthPeriod(year, month, match.Groups[3].Value == "1" ? 1 : 2)
            : null;
    }

    /// <summary>Parses or throws <see cref="CrmException"/> naming <paramref name="field"/> and the format (a 400).</summary>
    public static HalfMonthPeriod Parse(string? text, string field) =>
        TryParse(text) ?? throw CrmException.Invalid(field, $"The {field} field must be a half month written {Format}, got '{text}'.");

    /// <inheritdoc />
    public int CompareTo(HalfMonthPeriod? other) =>
        other is null ? 1 : (Year, Month, Half).CompareTo((other.Year, other.Month, other.Half));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}-H{Half}");

    [GeneratedRegex("^([0-9]{4})-([0-9]{2})-[Hh]([12])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
