namespace Orleans.Crm.Bench.Reporting;

/// <summary>
/// One line of the result table: a figure, optionally its ratio to a baseline measured in the same run
/// (<paramref name="Ratio"/> with <paramref name="BaselineName"/>), and a target with its verdict.
/// <paramref name="Was"/> names the previous report's row when the metric was named differently there (otherwise the
/// same scenario and metric, parenthesised details aside, are looked up; an empty one means "no earlier row").
/// </summary>
public sealed record ResultRow(
    string Scenario,
    string Metric,
    string Value,
    double? Ratio = null,
    string? BaselineName = null,
    string? Target = null,
    bool? Met = null,
    string? Was = null)
{
    /// <summary>"3.4× floor p50", or empty.</summary>
    public string RatioText => Ratio is { } r && !double.IsNaN(r) && !double.IsInfinity(r) ? $"{Format.Ratio(r)} {BaselineName}" : "";

    /// <summary>pass / SHORT / empty.</summary>
    public string Verdict => Met switch
    {
        true => "pass",
        false => "SHORT",
        null => "",
    };
}
