using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Crm.Grains.Model;

/// <summary>
/// A calendar quarter as the API writes it, <c>2026Q4</c> (store-local: the instants come from the store's time zone,
/// see <c>StoreQuarter</c>). Quarters 1–2 make the first half year, 3–4 the second.
/// </summary>
public readonly partial record struct Quarter(int Year, int Number)
{
    /// <summary>The format, for error messages.</summary>
    public const string Format = "YYYYQn (e.g. 2026Q4)";

    /// <summary>The quarter's first month (1, 4, 7, 10).</summary>
    public int FirstMonth => ((Number - 1) * 3) + 1;

    /// <summary>The half year it belongs to: 1 (Q1–Q2) or 2 (Q3–Q4).</summary>
    public int Half => Number <= 2 ? 1 : 2;

    /// <summary>Whether this quarter ends its half year (Q2, Q4): the half-year standing is decided with it.</summary>
    public bool EndsHalfYear => Number % 2 == 0;

    /// <summary>The other quarter of its half year.</summary>
    public Quarter HalfYearPartner => new(Year, Number % 2 == 0 ? Number - 1 : Number + 1);

    /// <summary>The half year as written in answers: <c>2026H2</c>.</summary>
    public string HalfYearName => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}H{Half}");

    /// <summary>The quarter containing a date.</summary>
    public static Quarter Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    /// <summary>Parses <c>2026Q4</c> (also lower-case q); false for anything else.</summary>
    public static bool TryParse(string? value, out Quarter quarter)
    {
        quarter = default;
        var match = value is null ? null : Pattern().Match(value.Trim());
        if (match is not { Success: true })
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2999)
        {
            return false;
        }

        quarter = new Quarter(year, match.Groups[2].Value[0] - '0');
        return true;
    }

    /// <summary>Parses or throws <see cref="CrmException"/> naming <paramref name="field"/> and the format (a 400).</summary>
    public static Quarter Parse(string? value, string field) =>
        TryParse(value, out var quarter)
            ? quarter
            : throw CrmException.Invalid(field, $"The {field} field must be a quarter written {Format}, got '{value}'.");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}Q{Number}");

    [GeneratedRegex("^([0-9]{4})[Qq]([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
