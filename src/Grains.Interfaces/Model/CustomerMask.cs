using System.Globalization;

namespace Orleans.Crm.Grains.Model;

/// <summary>
/// What wall displays and staff without the right see of a customer (DOMAIN.md §9): "王**", "Wang **",
/// "138****5678". One implementation for the grains, the REST API and the board stream.
/// </summary>
public static class CustomerMask
{
    private const string Stars = "**";

    /// <summary>The first character (or the first word of a name written with spaces) and two stars.</summary>
    public static string Name(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Stars;
        }

        var space = trimmed.IndexOfAny([' ', '\u3000', '\t']);
        return space > 0
            ? trimmed[..space] + " " + Stars

            // A text element, not a char: a rare surname outside the BMP is two UTF-16 units.
            : StringInfo.GetNextTextElement(trimmed) + Stars;
    }

    /// <summary>The first three and last four digits; anything shorter than eight digits is hidden entirely.</summary>
    public static string Phone(string? phone)
    {
        var digits = new string((phone ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 8
            ? string.Concat(digits.AsSpan(0, 3), "****", digits.AsSpan(digits.Length - 4, 4))
            : "****";
    }
}
