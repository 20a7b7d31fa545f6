using System.Text.RegularExpressions;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// Masks customer names and phones for screens that may not show them (DOMAIN §9) with the one rule of
/// <see cref="CustomerMask"/>, and scrubs free text (summaries, ticker lines) of the names and numbers it knows.
/// </summary>
public static partial class BoardMask
{

    /// <summary>Keeps the first character (or the first word of a name written with spaces).</summary>
    public static string Name(string? name) => CustomerMask.Name(name);

    /// <summary>Keeps the first three and the last four digits of a mobile number; shorter numbers keep only the last two.</summary>
    public static string Phone(string? phone) => CustomerMask.Phone(phone);

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
