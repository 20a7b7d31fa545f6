using System.Globalization;
using System.Text;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains.Search;

/// <summary>
/// How a search's text <c>q</c> is read (issue 15): a phone in any notation, whole or partial (at least
/// <see cref="MinDigits"/> digits), a name (at least <see cref="MinNameCharacters"/> characters), or a running number
/// (<c>#12</c>, <c>No.12</c>; plain digits also match one). Anything shorter is refused naming <c>q</c>: a few digits
/// or one character would match half the customer base, which the look-up limits exist to prevent.
/// </summary>
public static class SearchText
{
    /// <summary>The fewest digits of a phone search.</summary>
    public const int MinDigits = 4;

    /// <summary>The fewest characters of a name search.</summary>
    public const int MinNameCharacters = 2;

    /// <summary>The most characters read.</summary>
    public const int MaxLength = 100;

    /// <summary>Reads <paramref name="q"/>; throws an invalid-input error naming <c>q</c> with the reason.</summary>
    /// <exception cref="CrmException">Empty, too short or too long.</exception>
    public static SearchTerms Parse(string? q)
    {
        var text = q?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw CrmException.Invalid("q", $"Type at least {MinDigits} digits of a phone number, {MinNameCharacters} characters of a name, or #n for a running number.");
        }

        if (text.Length > MaxLength)
        {
            throw CrmException.Invalid("q", $"A search is at most {MaxLength} characters.");
        }

        if (RunningNumberOf(text) is { } marked)
        {
            return marked > 0
                ? new SearchTerms(SearchBy.RunningNumber, "", marked)
                : throw CrmException.Invalid("q", "A running number is written #n with n of 1 or more, e.g. #12.");
        }

        if (PhoneNumber.SearchDigits(text) is { } digits)
        {
            if (digits.Length < MinDigits)
            {
                throw CrmException.Invalid("q", $"A phone search needs at least {MinDigits} digits (got {digits.Length}); write #{digits} for running number {digits}.");
            }

            // Plain digits may as well be a running number: both are matched.
            int? running = text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
            return new SearchTerms(SearchBy.Phone, digits, running);
        }

        var name = NameKey(text);
        return name.Length >= MinNameCharacters
            ? new SearchTerms(SearchBy.Name, name, null)
            : throw CrmException.Invalid("q", $"A name search needs at least {MinNameCharacters} characters (got {name.Length}).");
    }

    /// <summary>
    /// The form a name is indexed and searched in: compatibility-normalised (full-width letters as ASCII), lower case,
    /// letters and digits only ("Wang Lei" → "wanglei", "阿卜杜·热合曼" → "阿卜杜热合曼").
    /// </summary>
    public static string NameKey(string? name)
    {
        var text = (name ?? "").Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    /// <summary>The two-character pieces of a name key, in order ("王小明" → "王小", "小明"); a one-character key has none.</summary>
    public static IEnumerable<string> Bigrams(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i + 2 <= key.Length; i++)
        {
            yield return key.Substring(i, 2);
        }
    }

    private static int? RunningNumberOf(string text)
    {
        var rest = text.StartsWith('#') || text.StartsWith('＃') ? text[1..]
            : text.StartsWith("no.", StringComparison.OrdinalIgnoreCase) ? text[3..]
            : null;
        if (rest is null)
        {
            return null;
        }

        return int.TryParse(rest.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
