using System.Text.RegularExpressions;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Built-in validation names fields by their C# path ("Groups[0].ManagerId"); clients write camelCase JSON, so errors
/// are renamed to the JSON spelling ("groups[0].managerId"), in the keys and in the messages.
/// </summary>
public static partial class ValidationErrorNames
{
    /// <summary>Renames the errors of a validation problem in place.</summary>
    public static void ToJsonNames(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProblemDetails is not HttpValidationProblemDetails validation || validation.Errors.Count == 0)
        {
            return;
        }

        var renamed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in validation.Errors)
        {
            var jsonKey = Camel(key);
            var leaf = LastSegment().Match(key).Groups["name"].Value;
            var jsonLeaf = Camel(leaf);
            var jsonMessages = leaf.Length == 0 || leaf == jsonLeaf
                ? messages
                : [.. messages.Select(m => Regex.Replace(m, $@"\b{Regex.Escape(leaf)}\b", jsonLeaf, RegexOptions.CultureInvariant))];
            renamed[jsonKey] = renamed.TryGetValue(jsonKey, out var existing) ? [.. existing, .. jsonMessages] : jsonMessages;
        }

        validation.Errors.Clear();
        foreach (var (key, messages) in renamed)
        {
            validation.Errors[key] = messages;
        }
    }

    /// <summary>"Groups[0].ManagerId" → "groups[0].managerId".</summary>
    public static string Camel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Segment().Replace(path, m => char.ToLowerInvariant(m.Value[0]) + m.Value[1..]);
    }

    // A segment starts the path or follows a dot.
    [GeneratedRegex(@"(?<=^|\.)[A-Z]", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)(\[\d+\])*$", RegexOptions.CultureInvariant)]
    private static partial Regex LastSegment();
}
