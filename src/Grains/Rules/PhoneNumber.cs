using System.Text;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Mainland China mobile numbers. The normalised form identifies a customer across the whole chain
/// (DOMAIN §2), so every way a clerk may type the same number must map to one string.
/// </summary>
public static class PhoneNumber
{
    private const string CountryCode = "86";
    private const int MobileLength = 11;

    /// <summary>
    /// Normalises to the 11-digit form "1[3-9]xxxxxxxxx". Accepts a +86 / 0086 / 86 prefix and
    /// spaces, dashes, dots and parentheses anywhere (full-width forms too, as typed by Chinese IMEs).
    /// </summary>
    /// <returns>False with an English reason in <paramref name="error"/> when the input is not a mainland mobile number.</returns>
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

        if (hasPlus)
        {
            if (!number.StartsWith(CountryCode, StringComparison.Ordinal))
            {
                error = "Only mainland China (+86) numbers are accepted.";
                return false;
            }

            number = number[CountryCode.Length..];
        }
        else if (number.StartsWith("00", StringComparison.Ordinal))
        {
            if (!number.StartsWith("00" + CountryCode, StringComparison.Ordinal))
            {
                error = "Only mainland China (+86) numbers are accepted.";
                return false;
            }

            number = number[(2 + CountryCode.Length)..];
        }
        else if (number.Length == CountryCode.Length + MobileLength && number.StartsWith(CountryCode, StringComparison.Ordinal))
        {
            // Only strip a bare 86 when exactly 11 digits remain; "86..." can't start a mobile number anyway.
            number = number[CountryCode.Length..];
        }

        if (number.StartsWith('0'))
        {
            error = "Looks like a landline (starts with an area code); a mobile number is required.";
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
    /// <exception cref="FormatException">The input is not a mainland mobile number.</exception>
    public static string Normalize(string? input) =>
        TryNormalize(input, out var normalized, out var error) ? normalized : throw new FormatException(error);

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
