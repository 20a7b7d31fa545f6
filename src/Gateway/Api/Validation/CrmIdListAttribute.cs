using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Api.Validation;

/// <summary>Every element of a list of ids is a <see cref="CrmIdAttribute"/> id.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class CrmIdListAttribute : ValidationAttribute
{
    /// <inheritdoc />
    public override bool IsValid(object? value) =>
        value is null || (value is IEnumerable<string?> ids && ids.All(CrmIdAttribute.IsValidId));

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) =>
        $"Every entry of {name} must be 1-{CrmIdAttribute.MaxLength} characters of letters, digits, '.', '_' or '-'.";
}
