using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Api.Validation;

/// <summary>A money amount in yuan: more than zero and at most 100,000,000 (no renovation costs more; a typo might).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class AmountAttribute : ValidationAttribute
{
    /// <summary>The largest amount accepted.</summary>
    public const decimal Maximum = 100_000_000m;

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is null || (value is decimal d && d > 0 && d <= Maximum);

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => $"The {name} field must be more than 0 and at most {Maximum:0}.";
}
