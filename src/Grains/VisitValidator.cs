using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains;

/// <summary>Input checks shared by store intake and the pool.</summary>
internal static class VisitValidator
{
    public const int MaxNameLength = 100;

    /// <summary>Short free text: a community, a paper form's number, a showroom area.</summary>
    public const int MaxShortLength = 200;

    /// <summary>Long free text: an address, comments.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>Showroom areas one feedback form may list.</summary>
    public const int MaxVisitedAreas = 20;

    public static string Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw CrmException.Invalid("name", "The customer's name is required.");
        }

        return trimmed.Length <= MaxNameLength
            ? trimmed
            : throw CrmException.Invalid("name", $"The name is longer than {MaxNameLength} characters.");
    }

    public static string Phone(string? phone, string field = "phone") =>
        PhoneNumber.TryNormalize(phone, out var normalized, out var error)
            ? normalized
            : throw CrmException.Invalid(field, error);

    /// <summary>A phone that may be left out: null when blank, normalised otherwise.</summary>
    public static string? OptionalPhone(string? phone, string field) =>
        string.IsNullOrWhiteSpace(phone) ? null : Phone(phone, field);

    /// <summary>Optional free text: null when blank, trimmed otherwise, refused beyond <paramref name="max"/> characters.</summary>
    public static string? Text(string? value, string field, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= max
            ? trimmed
            : throw CrmException.Invalid(field, $"The {field} field is longer than {max} characters.");
    }
}
