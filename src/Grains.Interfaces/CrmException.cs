namespace Orleans.Crm.Grains;

/// <summary>
/// A request the rules refuse before changing anything: unknown ids, invalid input, or a state that does
/// not allow the action. Carries what an HTTP problem needs: the kind, the offending field and the reason.
/// Serialized across silos by Orleans, so a gateway maps it the same wherever the grain ran.
/// </summary>
[GenerateSerializer, Alias("crm.CrmException")]
public sealed class CrmException : Exception
{
    public CrmException(CrmErrorKind kind, string? field, string message)
        : base(message)
    {
        Kind = kind;
        Field = field;
    }

    public CrmException()
    {
    }

    public CrmException(string message)
        : base(message)
    {
    }

    public CrmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    [Id(0)]
    public CrmErrorKind Kind { get; private set; }

    /// <summary>The input field at fault, in the API's camelCase (null when no single field is).</summary>
    [Id(1)]
    public string? Field { get; private set; }

    /// <summary>An unknown id.</summary>
    public static CrmException NotFound(string field, string message) => new(CrmErrorKind.NotFound, field, message);

    /// <summary>Input the rules cannot accept.</summary>
    public static CrmException Invalid(string? field, string message) => new(CrmErrorKind.Invalid, field, message);

    /// <summary>The current state does not allow the action.</summary>
    public static CrmException Conflict(string? field, string message) => new(CrmErrorKind.Conflict, field, message);

    /// <summary>The caller's role may not take this action.</summary>
    public static CrmException Forbidden(string? field, string message) => new(CrmErrorKind.Forbidden, field, message);
}
