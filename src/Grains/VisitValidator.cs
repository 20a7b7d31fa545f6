using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains;

/// <summary>Input checks shared by store intake and the pool.</summary>
internal static class VisitValidator
{
    public const int MaxNameLength = 100;

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

    public static string Phone(string? phone) =>
        PhoneNumber.TryNormalize(phone, out var normalized, out var error)
            ? normalized
            : throw CrmException.Invalid("phone", error);
}
