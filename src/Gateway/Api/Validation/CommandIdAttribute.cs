using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Api.Validation;

/// <summary>The client's command id that makes a POST safely retryable: required, 1–100 characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class CommandIdAttribute : ValidationAttribute
{
    /// <summary>The longest command id accepted.</summary>
    public const int MaxLength = 100;

    /// <inheritdoc />
    public override bool RequiresValidationContext => false;

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is string { Length: > 0 and <= MaxLength } s && !string.IsNullOrWhiteSpace(s);

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) =>
        $"The {name} field is required (1-{MaxLength} characters): it makes the request safe to retry.";
}
