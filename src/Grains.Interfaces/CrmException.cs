namespace Orleans.Crm.Grains;

/// <summary>
/// A request the rules refuse before changing anything: unknown ids, invalid input, or a state that does
/// not allow the action. Carries what an HTTP problem needs: the kind, the offending field and the reason.
/// </summary>
public sealed class CrmException(CrmErrorKind kind, string? field, string message) : Exception(message)
{
    /// <summary>What went wrong.</summary>
    public CrmErrorKind Kind { get; } = kind;

    /// <summary>The input field at fault, in the API's camelCase (null when no single field is).</summary>
    public string? Field { get; } = field;

    /// <summary>An unknown id.</summary>
    public static CrmException NotFound(string field, string message) => new(CrmErrorKind.NotFound, field, message);

    /// <summary>Input the rules cannot accept.</summary>
    public static CrmException Invalid(string? field, string message) => new(CrmErrorKind.Invalid, field, message);

    /// <summary>The current state does not allow the action.</summary>
    public static CrmException Conflict(string? field, string message) => new(CrmErrorKind.Conflict, field, message);
}
