using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// Masks customer names and phones for screens that may not show them (DOMAIN §9). The gateway does not reference the
/// grain classes (layering), so this mirrors their rule: "王小明" → "王**", "Wang Lei" → "Wang **", "13812345678" → "138****5678".
/// </summary>
public static partial class BoardMask
{
    private const string Stars = "**";

    /// <summary>Keeps the first character (or the first word of a name written with spaces).</summary>
    public static string Name(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Stars;
        }

        var space = trimmed.IndexOfAny([' ', '\u3000', '\t']);
        if (space > 0)
        {
            return trimmed[..space] + " " + Stars;
        }

        // A text element, not a char: a rare surname outside the BMP is two UTF-16 units.
        return StringInfo.GetNextTextElement(trimmed) + Stars;
    }

    /// <summary>Keeps the first three and the last four digits of a mobile number; shorter numbers keep only the last two.</summary>
    public static string Phone(string? phone)
    {
        var digits = new StringBuilder();
        foreach (var c in phone ?? string.Empty)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        var d = digits.ToString();
        if (d.Length >= 11)
        {
            return d[..3] + "****" + d[^4..];
        }

        return d.Length <= 2 ? "****" : new string('*', d.Length - 2) + d[^2..];
    }

    /// <summary>
    /// Removes full names and phone numbers from free text (ticker lines, summaries): the known names of the
    /// board's customers, and anything that looks like a mainland mobile number.
    /// </summary>
    public static string Text(string? text, IEnumerable<(string Name, string Phone)> known)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = text;
        foreach (var (name, phone) in known)
        {
            if (!string.IsNullOrWhiteSpace(phone) && result.Contains(phone, StringComparison.Ordinal))
            {
                result = result.Replace(phone, Phone(phone), StringComparison.Ordinal);
            }

            var trimmed = name?.Trim();
            // One-character "names" would blank out ordinary words; a real name has at least two.
            if (trimmed is { Length: >= 2 } && result.Contains(trimmed, StringComparison.Ordinal))
            {
                result = result.Replace(trimmed, Name(trimmed), StringComparison.Ordinal);
            }
        }

        return MobileNumber().Replace(result, m => Phone(m.Value));
    }

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MobileNumber();
}
