namespace Orleans.Crm.Grains.Model;

/// <summary>
/// Project ids name their customer (<c>{customerId}-p{n}</c>, n = 1, 2, … per customer), so any gateway finds the
/// customer grain that decides a project without a lookup table, as lead ids name their store.
/// </summary>
public static class ProjectIds
{
    private const string Separator = "-p";

    /// <summary>The id of the customer's <paramref name="number"/>th project.</summary>
    public static string For(string customerId, int number) => $"{customerId}{Separator}{number}";

    /// <summary>The customer of a project id, or null when the id is not one.</summary>
    public static string? CustomerOf(string? projectId)
    {
        if (string.IsNullOrEmpty(projectId))
        {
            return null;
        }

        var at = projectId.LastIndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && int.TryParse(projectId.AsSpan(at + Separator.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? projectId[..at]
            : null;
    }
}
