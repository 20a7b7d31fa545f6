using System.Text;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Mainland China mobile numbers and landlines with an area code. The normalised form identifies a customer across the
/// whole chain (DOMAIN §2), so every way a clerk may type the same number must map to one string: a mobile is its 11
/// digits ("13812345678"), a landline its national area code with the trunk 0, a dash and the local number
/// ("021-64881234", "0377-6321234") — a form no mobile can take, so the two never collide.
/// </summary>
public static class PhoneNumber
{
    private const string CountryCode = "86";
    private const int MobileLength = 11;

    /// <summary>Local numbers after an area code have 7 or 8 digits (8 in the cities with 3-digit codes).</summary>
    private const int MinLocalLength = 7;
    private const int MaxLocalLength = 8;

    /// <summary>
    /// Normalises a mobile to the 11-digit form "1[3-9]xxxxxxxxx" and a landline to "0AA-LLLLLLLL" (area code with its
    /// trunk 0: 010 and 02x have three digits, every other code four). Accepts a +86 / 0086 prefix (and a bare 86
    /// before a mobile), an international landline without its trunk 0 ("+86 21 6488 1234") or with it
    /// ("+86 (0)21 …"), and spaces, dashes, dots and parentheses anywhere (full-width forms too, as typed by Chinese IMEs).
    /// </summary>
    /// <returns>False with an English reason in <paramref name="error"/> when the input is neither a mainland mobile nor a landline with its area code.</returns>
    public static bool TryNormalize(string? input, out string normalized, out string error)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "Phone number is empty.";
            return false;
        }

        var digits = new StringBuilder(input.Length);
        var hasPlus = false;
        foreach (var raw in input)
        {
            var c = FromFullWidth(raw);
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c == '+')
            {
                // A plus is only meaningful as the international prefix, before any digit.
                if (hasPlus || digits.Length > 0)
                {
                    error = "Phone number has a '+' that is not at the start.";
                    return false;
                }

                hasPlus = true;
            }
            else if (!IsSeparator(c))
            {
                error = $"Phone number contains an invalid character '{raw}'.";
                return false;
            }
        }

        var number = digits.ToString();
        if (number.Length == 0)
        {
            error = "Phone number has no digits.";
            return false;
        }

        var international = false;
        if (hasPlus)
        {
            if (!number.StartsWith(CountryCode, StringComparison.Ordinal))
            {
                error = "Only mainland China (+86) numbers are accepted.";
                return false;
            }

            number = number[CountryCode.Length..];
            international = true;
        }
        else if (number.StartsWith("00", StringComparison.Ordinal))
        {
            if (!number.StartsWith("00" + CountryCode, StringComparison.Ordinal))
            {
                error = "Only mainland China (+86) numbers are accepted.";
                return false;
            }

            number = number[(2 + CountryCode.Length)..];
            international = true;
        }
        else if (number.Length == CountryCode.Length + MobileLength && number.StartsWith(CountryCode, StringComparison.Ordinal))
        {
            // Only strip a bare 86 when exactly 11 digits remain; "86..." can't start a mobile number anyway.
            number = number[CountryCode.Length..];
        }

        // Written internationally a landline drops its trunk 0 ("+86 21 6488 1234"); put it back.
        if (international && number.Length > 0 && number[0] is >= '2' and <= '9')
        {
            number = "0" + number;
        }

        if (number.StartsWith('0'))
        {
            return TryLandline(number, out normalized, out error);
        }

        if (number.Length is MinLocalLength or MaxLocalLength && number[0] != '1')
        {
            error = "Looks like a landline without its area code: write it with the area code, e.g. 021-6488 1234.";
            return false;
        }

        if (number.Length < MobileLength)
        {
            error = $"Phone number is too short: a mobile number has {MobileLength} digits, got {number.Length}.";
            return false;
        }

        if (number.Length > MobileLength)
        {
            error = $"Phone number is too long: a mobile number has {MobileLength} digits, got {number.Length}.";
            return false;
        }

        if (number[0] != '1')
        {
            error = "A mainland mobile number starts with 1.";
            return false;
        }

        if (number[1] is < '3' or > '9')
        {
            error = $"Not a mobile prefix: the second digit must be 3-9, got {number[1]}.";
            return false;
        }

        normalized = number;
        error = string.Empty;
        return true;
    }

    /// <summary>Normalises or throws; for inputs already validated upstream.</summary>
    /// <exception cref="FormatException">The input is neither a mainland mobile nor a landline with its area code.</exception>
    public static string Normalize(string? input) =>
        TryNormalize(input, out var normalized, out var error) ? normalized : throw new FormatException(error);

    /// <summary>
    /// The digits of a number typed into the search, whole or partial ("138 1234", "+86 138-1234-5678", full-width too),
    /// in the form the search indexes: a whole number is normalised first (so "+86 21 6488 1234" is "02164881234"); a
    /// partial one loses its separators and any +86 / 0086 prefix. Null when anything but digits, separators and a
    /// leading plus is typed (then it is not a phone number).
    /// </summary>
    public static string? SearchDigits(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        if (TryNormalize(input, out var normalized, out _))
        {
            return normalized.Replace("-", "", StringComparison.Ordinal);
        }

        var digits = new StringBuilder(input.Length);
        var hasPlus = false;
        foreach (var raw in input)
        {
            var c = FromFullWidth(raw);
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c == '+' && !hasPlus && digits.Length == 0)
            {
                hasPlus = true;
            }
            else if (!IsSeparator(c))
            {
                return null;
            }
        }

        var number = digits.ToString();
        if (hasPlus && number.StartsWith(CountryCode, StringComparison.Ordinal))
        {
            number = number[CountryCode.Length..];
        }
        else if (number.StartsWith("00" + CountryCode, StringComparison.Ordinal))
        {
            number = number[(2 + CountryCode.Length)..];
        }

        return number;
    }

    /// <summary>"13812345678" → "138****5678", for the wall display and other unauthorised eyes (DOMAIN §9).</summary>
    /// <exception cref="ArgumentException">The input is not a normalised 11-digit number.</exception>
    public static string Mask(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length != MobileLength || !normalized.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Mask expects a normalised 11-digit mobile number.", nameof(normalized));
        }

        return CustomerMask.Phone(normalized);
    }

    /// <summary>
    /// A national landline number with its trunk 0: the area code's length follows from its digits (010 and 020–029 are
    /// the three-digit codes; every other code has four), so "02164881234" and "03776321234" split one way only.
    /// </summary>
    private static bool TryLandline(string national, out string normalized, out string error)
    {
        normalized = string.Empty;
        var areaLength = national.Length < 3 ? 0 : national[1] switch
        {
            '1' when national[2] == '0' => 3,
            '2' => 3,
            >= '3' and <= '9' => 4,
            _ => 0,
        };
        if (areaLength == 0)
        {
            error = $"Not a landline area code: '{national[..Math.Min(national.Length, 4)]}' (area codes are 010, 02x or 0xxx).";
            return false;
        }

        if (national.Length <= areaLength)
        {
            error = $"The landline has an area code ({national[..Math.Min(national.Length, areaLength)]}) but no local number.";
            return false;
        }

        var area = national[..areaLength];
        var local = national[areaLength..];
        var min = areaLength == 3 ? MaxLocalLength : MinLocalLength;
        if (local.Length < min || local.Length > MaxLocalLength)
        {
            error = min == MaxLocalLength
                ? $"A landline number after area code {area} has {MaxLocalLength} digits, got {local.Length}."
                : $"A landline number after area code {area} has {MinLocalLength} or {MaxLocalLength} digits, got {local.Length}.";
            return false;
        }

        if (local[0] is '0' or '1')
        {
            error = $"Not a landline number: the local number after area code {area} cannot start with {local[0]}.";
            return false;
        }

        normalized = area + "-" + local;
        error = string.Empty;
        return true;
    }

    private static bool IsSeparator(char c) => c is ' ' or '-' or '.' or '(' or ')' or '\t' or '\u00A0';

    private static char FromFullWidth(char c) => c switch
    {
        >= '\uFF10' and <= '\uFF19' => (char)('0' + (c - '\uFF10')),
        '\uFF0B' => '+',
        '\uFF0D' => '-',
        '\uFF0E' => '.',
        '\uFF08' => '(',
        '\uFF09' => ')',
        '\u3000' => ' ',
        _ => c,
    };
}
