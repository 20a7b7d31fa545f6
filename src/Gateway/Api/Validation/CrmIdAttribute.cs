using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Orleans.Crm.Gateway.Api.Validation;

/// <summary>
/// An id of a store, manager, designer, lead or customer: 1–64 characters of letters, digits, '.', '_' or '-'.
/// Ids become grain keys and outbox stream names, so anything else is refused at the door.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed partial class CrmIdAttribute : ValidationAttribute
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>True when <paramref name="value"/> is a well-formed id.</summary>
    public static bool IsValidId(string? value) => value is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(value);

    /// <summary>The reason an id is refused.</summary>
    public static string Reason(string field) =>
        $"The {field} field must be 1-{MaxLength} characters of letters, digits, '.', '_' or '-'.";

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is null || (value is string s && IsValidId(s));

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => Reason(name);

    [GeneratedRegex("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
