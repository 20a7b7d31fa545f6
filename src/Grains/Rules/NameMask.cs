using System.Globalization;

namespace Orleans.Crm.Grains.Rules;

/// <summary>Hides a customer's name on screens that must not show it in full (DOMAIN §9).</summary>
public static class NameMask
{
    private const string Stars = "**";

    /// <summary>
    /// "王小明" → "王**". A name written with spaces (a romanised name) keeps its first word:
    /// "Wang Lei" → "Wang **", as in the rulebook's example; a single Latin word keeps its first letter
    /// ("Wang" → "W**"). Blank input gives "**".
    /// </summary>
    public static string Mask(string? name)
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

        // Text elements, not chars: a rare surname outside the BMP is two UTF-16 units.
        return StringInfo.GetNextTextElement(trimmed) + Stars;
    }
}
