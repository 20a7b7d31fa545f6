namespace Orleans.Crm.Gateway.Api;

/// <summary>The caller is authenticated but may not touch this data (another store's, or beyond their role): 403.</summary>
/// <param name="extensions">Extra members of the problem details (e.g. whose lead it is).</param>
public sealed class AccessDeniedException(string message, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}
